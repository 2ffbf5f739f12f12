/// One OSV advisory (https://ossf.github.io/osv-schema/), the fields matching and reporting use.
/// Decoding is lenient where databases differ (`database_specific` is free-form): a field of an unexpected
/// type is left out rather than rejecting the record; `id`, `modified` are required.
public struct OSVRecord: Sendable, Hashable, Codable {
    public var id: String
    public var modified: String
    public var published: String?
    public var withdrawn: String?
    public var aliases: [String]
    public var summary: String?
    public var details: String?
    public var severity: [Severity]
    public var affected: [Affected]
    public var references: [Reference]
    /// `database_specific.severity` (GitHub: CRITICAL, HIGH, MODERATE, LOW).
    public var databaseSeverity: String?
    /// `database_specific.cwe_ids`.
    public var cweIDs: [String]

    public struct Severity: Sendable, Hashable, Codable {
        public var type: String
        public var score: String

        public init(type: String, score: String) {
            self.type = type
            self.score = score
        }
    }

    public struct Affected: Sendable, Hashable, Codable {
        public var package: Package?
        public var ranges: [Range]
        public var versions: [String]
        public var severity: [Severity]

        enum CodingKeys: String, CodingKey { case package, ranges, versions, severity }

        public init(package: Package?, ranges: [Range] = [], versions: [String] = [], severity: [Severity] = []) {
            self.package = package
            self.ranges = ranges
            self.versions = versions
            self.severity = severity
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            package = try container.decodeIfPresent(Package.self, forKey: .package)
            ranges = try container.decodeIfPresent([Range].self, forKey: .ranges) ?? []
            versions = (try? container.decodeIfPresent([String].self, forKey: .versions)) ?? []
            severity = (try? container.decodeIfPresent([Severity].self, forKey: .severity)) ?? []
        }
    }

    public struct Package: Sendable, Hashable, Codable {
        public var ecosystem: String
        public var name: String
        public var purl: String?

        public init(ecosystem: String, name: String, purl: String? = nil) {
            self.ecosystem = ecosystem
            self.name = name
            self.purl = purl
        }
    }

    public struct Range: Sendable, Hashable, Codable {
        public var type: String
        public var repo: String?
        public var events: [Event]

        public init(type: String, repo: String? = nil, events: [Event]) {
            self.type = type
            self.repo = repo
            self.events = events
        }
    }

    /// Exactly one of the four is set.
    public struct Event: Sendable, Hashable, Codable {
        public var introduced: String?
        public var fixed: String?
        public var lastAffected: String?
        public var limit: String?

        public init(introduced: String? = nil, fixed: String? = nil, lastAffected: String? = nil, limit: String? = nil) {
            self.introduced = introduced
            self.fixed = fixed
            self.lastAffected = lastAffected
            self.limit = limit
        }

        enum CodingKeys: String, CodingKey {
            case introduced, fixed, limit
            case lastAffected = "last_affected"
        }
    }

    public struct Reference: Sendable, Hashable, Codable {
        public var type: String?
        public var url: String

        public init(type: String? = nil, url: String) {
            self.type = type
            self.url = url
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, modified, published, withdrawn, aliases, summary, details, severity, affected, references
        case databaseSpecific = "database_specific"
    }

    enum DatabaseKeys: String, CodingKey {
        case severity
        case cweIDs = "cwe_ids"
    }

    public init(
        id: String, modified: String, published: String? = nil, withdrawn: String? = nil, aliases: [String] = [],
        summary: String? = nil, details: String? = nil, severity: [Severity] = [], affected: [Affected] = [],
        references: [Reference] = [], databaseSeverity: String? = nil, cweIDs: [String] = []
    ) {
        self.id = id
        self.modified = modified
        self.published = published
        self.withdrawn = withdrawn
        self.aliases = aliases
        self.summary = summary
        self.details = details
        self.severity = severity
        self.affected = affected
        self.references = references
        self.databaseSeverity = databaseSeverity
        self.cweIDs = cweIDs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        // Tools that embed records (osv-scanner) sometimes drop `modified`; the database import requires nothing more of it.
        modified = try container.decodeIfPresent(String.self, forKey: .modified) ?? ""
        published = try? container.decodeIfPresent(String.self, forKey: .published)
        withdrawn = try? container.decodeIfPresent(String.self, forKey: .withdrawn)
        aliases = (try? container.decodeIfPresent([String].self, forKey: .aliases)) ?? []
        summary = try? container.decodeIfPresent(String.self, forKey: .summary)
        details = try? container.decodeIfPresent(String.self, forKey: .details)
        severity = (try? container.decodeIfPresent([Severity].self, forKey: .severity)) ?? []
        affected = try container.decodeIfPresent([Affected].self, forKey: .affected) ?? []
        references = (try? container.decodeIfPresent([Reference].self, forKey: .references)) ?? []
        let database = try? container.nestedContainer(keyedBy: DatabaseKeys.self, forKey: .databaseSpecific)
        databaseSeverity = (try? database?.decodeIfPresent(String.self, forKey: .severity)) ?? nil
        cweIDs = ((try? database?.decodeIfPresent([String].self, forKey: .cweIDs)) ?? nil) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(modified, forKey: .modified)
        try container.encodeIfPresent(published, forKey: .published)
        try container.encodeIfPresent(withdrawn, forKey: .withdrawn)
        if !aliases.isEmpty { try container.encode(aliases, forKey: .aliases) }
        try container.encodeIfPresent(summary, forKey: .summary)
        try container.encodeIfPresent(details, forKey: .details)
        if !severity.isEmpty { try container.encode(severity, forKey: .severity) }
        if !affected.isEmpty { try container.encode(affected, forKey: .affected) }
        if !references.isEmpty { try container.encode(references, forKey: .references) }
        if databaseSeverity != nil || !cweIDs.isEmpty {
            var database = container.nestedContainer(keyedBy: DatabaseKeys.self, forKey: .databaseSpecific)
            try database.encodeIfPresent(databaseSeverity, forKey: .severity)
            if !cweIDs.isEmpty { try database.encode(cweIDs, forKey: .cweIDs) }
        }
    }
}
