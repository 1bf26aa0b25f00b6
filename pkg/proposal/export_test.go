package proposal

// For the tests of package proposal_test, which may import pkg/format (which imports this).
var (
	FastRead  = fastRead
	ParseWith = parseWith
	ParseOne  = parseOne
)

// ReadFast reports whether the fast reader read the file.
func (d *Parsed) ReadFast() bool { return d.readFast }
