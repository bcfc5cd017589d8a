/// Why a subscriber CSV file could not be imported at all: unreadable, not CSV, or a header
/// without the columns Crier needs. Problems with single rows are reported, not thrown.
public struct ImportError: BadInput, Equatable {
    private enum Code: Equatable, Sendable {
        case unreadable(file: String, reason: String)
        case encoding(file: String, line: Int, reason: String)
        case notCSV(file: String, line: Int, reason: String)
        case empty(file: String, columns: String)
        case missingColumn(file: String, line: Int, column: String, expected: String)
        case unknownColumn(file: String, line: Int, column: String)
        case columnCount(file: String, line: Int, count: Int)
        case failed(file: String, reason: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The file could not be opened.
    public static func unreadable(file: String, reason: String) -> ImportError {
        ImportError(.unreadable(file: file, reason: reason))
    }

    /// The file is not UTF-8 text.
    public static func encoding(file: String, line: Int, reason: String) -> ImportError {
        ImportError(.encoding(file: file, line: line, reason: reason))
    }

    /// The file is not well-formed CSV.
    public static func notCSV(file: String, line: Int, reason: String) -> ImportError {
        ImportError(.notCSV(file: file, line: line, reason: reason))
    }

    /// The file has no header line; `columns` lists the required ones.
    public static func empty(file: String, columns: String) -> ImportError {
        ImportError(.empty(file: file, columns: columns))
    }

    /// The header lacks a required column.
    public static func missingColumn(file: String, line: Int, column: String, expected: String) -> ImportError {
        ImportError(.missingColumn(file: file, line: line, column: column, expected: expected))
    }

    /// The header names a column Crier does not know.
    public static func unknownColumn(file: String, line: Int, column: String) -> ImportError {
        ImportError(.unknownColumn(file: file, line: line, column: column))
    }

    /// The header repeats a column.
    public static func columnCount(file: String, line: Int, count: Int) -> ImportError {
        ImportError(.columnCount(file: file, line: line, count: count))
    }

    /// Checking the file failed for another reason.
    public static func failed(file: String, reason: String) -> ImportError {
        ImportError(.failed(file: file, reason: reason))
    }

    public var description: String {
        switch code {
        case .unreadable(let file, let reason):
            "\(file): cannot read the file (\(reason))"
        case .encoding(let file, let line, let reason):
            "\(file):\(line): \(reason)"
        case .notCSV(let file, let line, let reason):
            "\(file):\(line): not valid CSV: \(reason)"
        case .empty(let file, let columns):
            "\(file): the file is empty (expected a header line: \(columns))"
        case .missingColumn(let file, let line, let column, let expected):
            "\(file):\(line): the header has no \"\(column)\" column (expected \(expected)[,test])"
        case .unknownColumn(let file, let line, let column):
            "\(file):\(line): unknown column \"\(column)\""
        case .columnCount(let file, let line, let count):
            "\(file):\(line): the header has \(count) columns"
        case .failed(let file, let reason):
            "\(file): \(reason)"
        }
    }
}
