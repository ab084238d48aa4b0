import Foundation

/// Objects that are costly to create and must not be used by two threads at once (a PROJ
/// transformation, a GEOS context). Parallel chunks borrow one, use it and give it back, so
/// no more are ever created than chunks run at the same time, however many chunks there are.
public final class ResourcePool<Resource>: @unchecked Sendable {
    private var idle: [Resource] = []
    private let lock = NSLock()
    private let make: () throws -> Resource

    public init(make: @escaping () throws -> Resource) {
        self.make = make
    }

    /// Runs `body` with a resource no other thread uses meanwhile.
    public func use<Result>(_ body: (Resource) throws -> Result) throws -> Result {
        lock.lock()
        let borrowed = idle.popLast()
        lock.unlock()
        let resource = try borrowed ?? make()
        defer {
            lock.lock()
            idle.append(resource)
            lock.unlock()
        }
        return try body(resource)
    }
}
