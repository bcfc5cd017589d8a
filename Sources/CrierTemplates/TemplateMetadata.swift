/// Whether a template is an alert or a notice to one person.
public enum TemplateKind: String, Sendable, Hashable {
    /// A message to an audience: has a topic and a CAP classification; alerts and schedules use it.
    case alert
    /// A message to one person that is not an alert (a sign-up confirmation): no topic, no CAP, and
    /// alerts, schedules and previews cannot name it.
    case notice
}

/// What `template.yml` says about a template: its topic, CAP classification, variables and locales.
public struct TemplateMetadata: Sendable, Hashable {
    public var id: String
    /// `alert` unless `template.yml` says `kind: notice`.
    public var kind: TemplateKind = .alert
    public var topic: String
    public var title: String
    public var description: String
    public var cap: CAPInfo
    /// Declared variables, in file order.
    public var variables: [VariableSpec]
    /// Locales the template speaks; always includes `en`.
    public var locales: [String]

    /// Creates metadata (the loader builds these from `template.yml`).
    public init(
        id: String, topic: String, title: String, description: String, cap: CAPInfo, variables: [VariableSpec],
        locales: [String]
    ) {
        self.id = id
        self.topic = topic
        self.title = title
        self.description = description
        self.cap = cap
        self.variables = variables
        self.locales = locales
    }

    /// The declared variable with this name, if any.
    public func variable(named name: String) -> VariableSpec? {
        variables.first { $0.name == name }
    }
}

/// One variable a template declares: what it means, whether it is required, an example, and list fields.
public struct VariableSpec: Sendable, Hashable {
    /// One field of each item of a list variable.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var description: String

        /// Creates a field declaration.
        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    public var name: String
    public var description: String
    public var required: Bool
    /// An example value (a string, or for lists a list of field maps), used by previews and tests.
    public var example: TemplateValue?
    /// For a list variable, its item fields in file order; `nil` for plain text.
    public var fields: [Field]?
    /// The line of `template.yml` that declares it, for warnings about it.
    var line: Int?

    /// Whether this variable is a list of items.
    public var isList: Bool { fields != nil }

    /// Names of the item fields of a list variable (empty for plain text).
    public var fieldNames: [String] { fields?.map(\.name) ?? [] }

    /// Creates a variable declaration.
    public init(
        name: String, description: String, required: Bool = true, example: TemplateValue? = nil,
        fields: [Field]? = nil
    ) {
        self.name = name
        self.description = description
        self.required = required
        self.example = example
        self.fields = fields
    }
}
