/// The fixed parts of a GeoPackage 1.2 (OGC 12-128) that `GeoPackageWriter` writes: the
/// file's identity, the mandatory metadata tables (as the standard's Annex C defines them)
/// and the spatial reference systems.
enum GeoPackageSchema {
    /// `PRAGMA application_id`: "GPKG" as a big-endian integer (0x47504B47).
    static let applicationID: Int32 = 0x4750_4B47
    /// `PRAGMA user_version`: GeoPackage 1.2.0.
    static let userVersion = 10200

    /// `gpkg_contents.last_change` of every layer. The standard means it as the time of the
    /// last change, but cirkel's outputs must be byte-identical for identical input, so the
    /// writer sets this fixed instant instead of the clock (the column's default, 'now', is
    /// never used).
    static let lastChange = "1970-01-01T00:00:00.000Z"

    /// The tables every GeoPackage with features has, and `gpkg_extensions` for the spatial
    /// indexes (the optional tile and metadata tables are left out).
    static let tables = """
        CREATE TABLE gpkg_spatial_ref_sys (
          srs_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL PRIMARY KEY,
          organization TEXT NOT NULL,
          organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL,
          description TEXT
        );
        CREATE TABLE gpkg_contents (
          table_name TEXT NOT NULL PRIMARY KEY,
          data_type TEXT NOT NULL,
          identifier TEXT UNIQUE,
          description TEXT DEFAULT '',
          last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
          min_x DOUBLE,
          min_y DOUBLE,
          max_x DOUBLE,
          max_y DOUBLE,
          srs_id INTEGER,
          CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
        );
        CREATE TABLE gpkg_geometry_columns (
          table_name TEXT NOT NULL,
          column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL,
          srs_id INTEGER NOT NULL,
          z TINYINT NOT NULL,
          m TINYINT NOT NULL,
          CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
          CONSTRAINT uk_gc_table_name UNIQUE (table_name),
          CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
          CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
        );
        CREATE TABLE gpkg_extensions (
          table_name TEXT,
          column_name TEXT,
          extension_name TEXT NOT NULL,
          definition TEXT NOT NULL,
          scope TEXT NOT NULL,
          CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
        );
        """

    /// One row of `gpkg_spatial_ref_sys`.
    struct SpatialReferenceSystem {
        let name: String
        let id: Int32
        let organization: String
        let organizationID: Int32
        let definition: String
        let description: String
    }

    /// The three rows the standard requires, and RD New. The WKT is GDAL 3.6's WKT1 of the
    /// EPSG definitions (`gdalsrsinfo -o wkt1 EPSG:4326`), which is what GDAL itself writes.
    static let spatialReferenceSystems = [
        SpatialReferenceSystem(name: "Undefined cartesian SRS", id: -1, organization: "NONE", organizationID: -1,
                               definition: "undefined", description: "undefined cartesian coordinate reference system"),
        SpatialReferenceSystem(name: "Undefined geographic SRS", id: 0, organization: "NONE", organizationID: 0,
                               definition: "undefined", description: "undefined geographic coordinate reference system"),
        SpatialReferenceSystem(name: "WGS 84 geodetic", id: 4326, organization: "EPSG", organizationID: 4326, definition: wgs84WKT,
                               description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
        SpatialReferenceSystem(name: "Amersfoort / RD New", id: 28992, organization: "EPSG", organizationID: 28992, definition: rdNewWKT,
                               description: "Rijksdriehoekstelsel (RD New): metres east and north"),
    ]

    /// The `srs_id` of a coordinate reference system (its EPSG code).
    static func srsID(of crs: CoordinateReferenceSystem) -> Int32 {
        switch crs {
        case .wgs84: return 4326
        case .rdNew: return 28992
        }
    }

    static let wgs84WKT = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
        UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],\
        AUTHORITY["EPSG","4326"]]
        """

    static let rdNewWKT = """
        PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",\
        SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],AUTHORITY["EPSG","6289"]],\
        PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],\
        AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],\
        PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],\
        PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],\
        AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]
        """
}
