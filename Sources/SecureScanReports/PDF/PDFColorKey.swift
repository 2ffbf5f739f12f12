/// An (r, g, b) colour as a dictionary key: the PDF code keeps colours as tuples, which are not
/// `Hashable`; caches and batches that group by colour key on this.
struct PDFColorKey: Hashable {
    let red: Double
    let green: Double
    let blue: Double

    init(_ color: (Double, Double, Double)) {
        (red, green, blue) = color
    }
}
