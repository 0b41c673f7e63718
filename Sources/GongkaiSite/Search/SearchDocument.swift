import Foundation
import GongkaiContent

extension SearchIndex {
    /// A page as the index reads it: its front matter, summary and plain text.
    struct Document {
        var page: Page
        var summary: String
        var plainText: String
        /// `snippetText` of the document, when made before its text was let go.
        var snippet: String? = nil

        /// What the front matter says about the page that a reader may search for: its kind's
        /// `searchKeys` (the law a notice explains, the speaker, the person honoured…), then tags.
        var fields: [String] {
            page.kind.spec.searchValues(of: page.fields) + page.tags
        }

        /// Bytes of everything indexed: a bound on the page's distinct pairs.
        var textBytes: Int {
            fields.reduce(page.title.utf8.count + summary.utf8.count + plainText.utf8.count) { $0 + $1.utf8.count }
        }

        /// The fields shown before the text in a result: the law, speaker or person, with a label.
        var lead: String {
            page.kind.spec.searchLeadParts(of: page.fields).joined(separator: " ")
        }
    }

    /// Documents of one block, numbered as in the whole site (a block is made before the others exist).
    struct NumberedDocuments: RandomAccessCollection {
        let startIndex: Int
        let documents: [Document]
        var endIndex: Int { startIndex + documents.count }
        subscript(number: Int) -> Document { _read { yield documents[number - startIndex] } }
    }
}

extension SearchIndex {
    /// The site's pages as the index reads them: each page's `Document` made only when asked for (a
    /// chunk file to be made), the pages themselves read in place.
    struct Documents: Sendable {
        let pages: [Page]
        let document: @Sendable (Int) -> Document
        var count: Int { pages.count }

        init(pages: [Page], document: @escaping @Sendable (Int) -> Document) {
            self.pages = pages
            self.document = document
        }
    }
}
