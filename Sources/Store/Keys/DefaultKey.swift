import Foundation

extension Store {
    /// The key `--as` falls back to: the one this replica was created or
    /// cloned with.
    public func defaultKeyName() -> String? {
        (try? String(contentsOf: directory.appendingPathComponent("default-key"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func setDefaultKey(_ name: String) throws(AccordError) {
        do { try (name + "\n").write(to: directory.appendingPathComponent("default-key"), atomically: true, encoding: .utf8) } catch {
            throw AccordError("store_error", "cannot record the default key: \(error)")
        }
    }
}
