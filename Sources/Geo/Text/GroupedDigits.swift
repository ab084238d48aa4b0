extension BinaryInteger {
    /// The number with a comma between groups of three digits, for reports: 1234567 →
    /// "1,234,567".
    public var groupedDigits: String {
        let digits = String(self.magnitude)
        var out = self < 0 ? "-" : ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
