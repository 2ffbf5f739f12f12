import SecureScanCore

/// How `report.pdf` fits any number of findings into its page budget (`pdf.max_pages`): the pages left
/// after the sections before the findings, less a reserve for those after, go 55 % to findings in detail,
/// 35 % to one-line rows and the rest to one row per rule.
struct PDFFindingBudget {
    struct Counts: Sendable, Hashable {
        var detail = 0
        var rows = 0
        var summarized = 0
    }

    /// Pages kept for the sections after the findings (scanners, components, compliance).
    static let reservedPages = 12

    /// Positions in the report's findings in the order they are offered for detail: open critical and high
    /// first, then everything else, each part in canonical order.
    let order: [Int]
    /// Detail rows stop at this page, one-line rows at the next, rule rows at the last.
    let detailEndPage: Int
    let rowsEndPage: Int
    let summaryEndPage: Int

    init(findings: [Finding], startPage: Int, maxPages: Int) {
        let (severe, rest) = FindingSelection.severeFirst(findings)
        order = severe + rest
        let available = max(maxPages - startPage - Self.reservedPages, 6)
        detailEndPage = startPage + available * 55 / 100
        rowsEndPage = startPage + available * 90 / 100
        summaryEndPage = startPage + available
    }
}
