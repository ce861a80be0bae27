import GRDB
import Store

/// A look into a store's tables through a connection of its own, for
/// tests that check what the log and projections hold (the store keeps its
/// own connection to itself).
public enum StoreFile {
    public static func read<T>(_ store: Store, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: store.databaseFile.path, configuration: configuration).read(body)
    }

    public static func write<T>(_ store: Store, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        return try DatabaseQueue(path: store.databaseFile.path, configuration: configuration).write(body)
    }
}
