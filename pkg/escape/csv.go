package escape

// CSV returns a text cell of a CSV file such that a spreadsheet shows it as text rather than
// run it as a formula: a cell that starts with = + - @, a tab or a carriage return, and has more
// after it, gets a leading apostrophe (OWASP's advice on CSV injection). Only text cells go
// through it: amounts such as -639 are numbers and stay numbers, and a lone "-" (no figure) is
// no formula.
func CSV(s string) string {
	if len(s) > 1 {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}
