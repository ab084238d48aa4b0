/// The geometry type of a GeoPackage layer (`gpkg_geometry_columns.geometry_type_name`, and
/// the declared type of its geometry column), chosen from the kinds of its features.
///
/// A layer's features must all be of its type or a subtype, and a Polygon is not a
/// MultiPolygon: a layer that mixes single and multi geometries of one family is declared as
/// the multi type and its single geometries are written as multi geometries of one part
/// (as `ogr2ogr -nlt PROMOTE_TO_MULTI` does). Any other mix is GEOMETRY.
struct GeoPackageGeometryType: Equatable {
    /// The name in `gpkg_geometry_columns` ("POINT", "MULTIPOLYGON", "GEOMETRY", …).
    let name: String
    /// Whether Point, LineString and Polygon features are written as their multi type.
    let promotesToMulti: Bool

    init<Kinds: Sequence>(kinds: Kinds) where Kinds.Element == GeometryKind {
        var present = Set<GeometryKind>()
        for kind in kinds { present.insert(kind) }
        let families: [(single: GeometryKind, multi: GeometryKind, name: String)] = [
            (.point, .multiPoint, "POINT"), (.lineString, .multiLineString, "LINESTRING"), (.polygon, .multiPolygon, "POLYGON"),
        ]
        for family in families where present.isSubset(of: [family.single, family.multi]) && !present.isEmpty {
            if present.contains(family.multi) {
                name = "MULTI" + family.name
                promotesToMulti = present.contains(family.single)
            } else {
                name = family.name
                promotesToMulti = false
            }
            return
        }
        name = "GEOMETRY"
        promotesToMulti = false
    }
}
