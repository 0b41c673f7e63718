extension KindKey {
    /// Reads the key from a page's front matter into `kindFields`, as its type and requirement say;
    /// what is wrong with it goes into `fields`' diagnostics.
    func read(from fields: inout YAMLFields, into kindFields: inout KindFields) {
        switch value {
        case .text(let path):
            switch requirement {
            case .optional:
                kindFields[keyPath: path] = fields.string(name)
            case .required(let zh, let en):
                kindFields[keyPath: path] = fields.requiredString(name, zh: zh, en: en)
            case .requiredUnless(let other, let zh, let en):
                kindFields[keyPath: path] = fields.has(other) && !fields.has(name) ? nil : fields.requiredString(name, zh: zh, en: en)
            }
        case .day(let path):
            kindFields[keyPath: path] = fields.day(name)
        case .list(let path):
            // Never split at Chinese commas: an honour may be a sentence with commas in it.
            kindFields[keyPath: path] = fields.stringList(name, splitChinese: false)
        }
    }
}

extension KindSpec {
    /// The kind's own values of a page, read from its front matter.
    func readFields(from fields: inout YAMLFields) -> KindFields {
        var kindFields = KindFields()
        for key in keys { key.read(from: &fields, into: &kindFields) }
        return kindFields
    }
}
