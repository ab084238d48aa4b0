/// The language of the words around the domain terms (which stay Dutch in both).
public enum Language: String, Sendable, CaseIterable {
    case en, nl
}
