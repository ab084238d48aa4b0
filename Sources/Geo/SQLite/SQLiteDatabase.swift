import CSQLite

/// A SQLite database opened read-only (a GeoPackage is one). Owns the connection and closes
/// it in `deinit`; statements it prepares keep it alive.
public final class SQLiteDatabase {
    public let path: String
    let handle: OpaquePointer

    public init(readOnly path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        // SQLITE_OPEN_READONLY: never creates the file and never writes (no journal).
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw GeoError.io(path: path, reason: "cannot open as SQLite (\(message))")
        }
        self.handle = handle
        // A file that is not SQLite opens fine and fails at the first read: read now, so the
        // error says so plainly instead of at the first query.
        do {
            _ = try prepare("SELECT count(*) FROM sqlite_master").step()
        } catch {
            throw GeoError.io(path: path, reason: "cannot open as SQLite (\(String(cString: sqlite3_errmsg(handle))))")
        }
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
/// until the next `step()`.
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

    /// Binds text to the 1-based parameter `index`.
    public func bind(_ index: Int32, _ text: String) throws {
        // SQLITE_TRANSIENT (-1) makes SQLite copy the text.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        guard sqlite3_bind_text(handle, index, text, -1, transient) == SQLITE_OK else {
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
