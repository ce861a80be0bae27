import Sync

/// Tests serve replicas exactly as the demo does.
public typealias TestServer = ServedReplica
