import CSQLite
import Foundation

/// A SQLite database: opened read-only (a GeoPackage to read) or created new for writing (a
/// GeoPackage to write). Owns the connection and closes it in `deinit`; statements it
/// prepares keep it alive.
public final class SQLiteDatabase {
    /// The file as errors name it.
    public let path: String
    let handle: OpaquePointer

    public init(readOnly path: String) throws {
        self.path = path
        // SQLITE_OPEN_READONLY: never creates the file and never writes (no journal).
        handle = try SQLiteDatabase.open(path, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, reportedPath: path)
        // A file that is not SQLite opens fine and fails at the first read: read now, so the
        // error says so plainly instead of at the first query.
        do {
            _ = try prepare("SELECT count(*) FROM sqlite_master").step()
        } catch {
            throw GeoError.io(path: path, reason: "cannot open as SQLite (\(String(cString: sqlite3_errmsg(handle))))")
        }
    }

    /// Creates a new, empty database file at `path` for reading and writing; an error if the
    /// file exists (it is never overwritten). `reportedPath` is the path errors name (the
    /// file's final place when it is written elsewhere first).
    public init(creating path: String, reportedPath: String? = nil) throws {
        self.path = reportedPath ?? path
        // O_EXCL makes "does not exist yet" and "create" one step; SQLite's own flags cannot
        // refuse an existing file. An empty file is a valid empty database.
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists (a new file is never written over one)" : "cannot create (\(String(cString: strerror(errno))))"
            throw GeoError.io(path: self.path, reason: reason)
        }
        _ = Foundation.close(descriptor)
        do {
            handle = try SQLiteDatabase.open(path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, reportedPath: self.path)
        } catch {
            // The file is ours (O_EXCL): leave nothing behind.
            _ = unlink(path)
            throw error
        }
    }

    /// Opens a connection; on failure, closes what SQLite allocated and says why.
    private static func open(_ path: String, flags: Int32, reportedPath: String) throws -> OpaquePointer {
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw GeoError.io(path: reportedPath, reason: "cannot open as SQLite (\(message))")
        }
        return handle
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// A prepared statement for `sql`.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw GeoError.document(file: path, reason: "SQLite: \(String(cString: sqlite3_errmsg(handle))) (in \(sql))")
        }
        return SQLiteStatement(statement, database: self)
    }

    /// Runs one or more SQL statements that return no rows (DDL, PRAGMA, BEGIN/COMMIT).
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        // sqlite3_exec allocates the message with sqlite3_malloc; we free it.
        defer { sqlite3_free(message) }
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            throw GeoError.io(path: path, reason: "SQLite: \(text) (in \(sql.prefix(200)))")
        }
    }

    /// Whether a table (or view) of that name exists.
    public func hasTable(_ name: String) throws -> Bool {
        let query = try prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?")
        try query.bind(1, name)
        return try query.step()
    }

    /// A name quoted as an SQL identifier ("a""b" for a"b).
    public static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One prepared SQLite statement, finalized in `deinit`. Column values read from it are valid
/// until the next `step()`. To run it again (one INSERT for many rows), `reset()` it and bind
/// the next values.
public final class SQLiteStatement {
    let handle: OpaquePointer
    /// Keeps the connection open while the statement lives.
    let database: SQLiteDatabase

    init(_ handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// SQLITE_TRANSIENT (-1): SQLite copies the bound bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds text to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ text: String) throws {
        try check(sqlite3_bind_text(handle, index, text, -1, Self.transient))
    }

    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a floating-point number to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ value: Double) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds a blob (copied) to the 1-based parameter `index`.
    public func bind(_ index: Int32, blob bytes: UnsafeRawBufferPointer) throws {
        guard let count = Int32(exactly: bytes.count) else {
            throw GeoError.io(path: database.path, reason: "SQLite: a blob of \(bytes.count) bytes is too large")
        }
        // sqlite3_bind_blob binds NULL for a nil pointer: an empty blob needs a valid one.
        let empty: UInt8 = 0
        try withUnsafePointer(to: empty) { fallback in
            try check(sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(fallback), count, Self.transient))
        }
    }

    /// Binds a blob (copied) to the 1-based parameter `index`.
    public func bind(_ index: Int32, blob bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try bind(index, blob: $0) }
    }

    /// Binds NULL to the 1-based parameter `index`.
    public func bindNull(_ index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Makes the statement ready to run again, with every parameter NULL.
    public func reset() throws {
        // sqlite3_reset repeats the error of a failed last step (already thrown by step()),
        // so only clearing the bindings is checked.
        sqlite3_reset(handle)
        try check(sqlite3_clear_bindings(handle))
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else {
            throw GeoError.document(file: database.path, reason: "SQLite: \(String(cString: sqlite3_errmsg(database.handle)))")
        }
    }

    /// Moves to the next row; false when there is none.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw GeoError.document(file: database.path, reason: "SQLite: \(String(cString: sqlite3_errmsg(database.handle)))")
        }
    }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func name(_ column: Int32) -> String { String(cString: sqlite3_column_name(handle, column)) }

    /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    public func type(_ column: Int32) -> Int32 { sqlite3_column_type(handle, column) }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func text(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// The bytes of a blob, valid until the next `step()` (empty for NULL).
    public func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let start = sqlite3_column_blob(handle, column), count > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start, count: count)
    }
}
