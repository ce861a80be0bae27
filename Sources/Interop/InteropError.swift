/// A refusal from the interop layer: a stable machine-readable `code` and a
/// one-line `message` that names what is wrong (for XML, the element and its
/// line) and, where it helps, what to do.
///
/// The codes are stable so that callers can map them onto their own error type
/// (accord's `AccordError` keeps the same code and message).
public struct InteropError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension InteropError {
    /// The file is not a zip archive at all.
    public static func notZip(_ m: String) -> InteropError { .init("not_zip", m) }
    /// A `.qdpx` archive without `project.qde` at its root.
    public static func noProjectFile(_ m: String) -> InteropError { .init("no_project_qde", m) }
    /// A zip that would expand past a size limit (a zip bomb, or simply too big).
    public static func zipLimit(_ m: String) -> InteropError { .init("zip_limit", m) }
    /// XML that is not well-formed, or that declares a DTD.
    public static func badXML(_ m: String) -> InteropError { .init("bad_xml", m) }
    /// Well-formed XML whose root is not a REFI-QDA project or codebook.
    public static func notREFI(_ m: String) -> InteropError { .init("not_refi", m) }
    /// REFI-QDA XML that breaks a rule of the schema that the import relies on.
    public static func schema(_ m: String) -> InteropError { .init("schema_violation", m) }
    /// A selection whose positions fall outside its source's text.
    public static func selectionOutOfRange(_ m: String) -> InteropError { .init("selection_out_of_range", m) }
    /// A coding whose `CodeRef` names a GUID that is not in the codebook.
    public static func unknownCode(_ m: String) -> InteropError { .init("unknown_code", m) }
    /// A source whose `plainTextPath` names a file the archive does not hold.
    public static func missingSource(_ m: String) -> InteropError { .init("missing_source", m) }
    /// Two elements of one kind with the same GUID.
    public static func duplicateGUID(_ m: String) -> InteropError { .init("duplicate_guid", m) }
    /// Text that is not UTF-8.
    public static func notUTF8(_ m: String) -> InteropError { .init("not_utf8", m) }
    /// Export input that cannot be written (an id that is not hex, a coding on an unknown code, …).
    public static func badInput(_ m: String) -> InteropError { .init("bad_input", m) }
    /// Reading or writing a file failed.
    public static func io(_ m: String) -> InteropError { .init("io_error", m) }
}
