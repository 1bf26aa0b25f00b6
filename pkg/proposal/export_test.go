package proposal

// For the tests of package proposal_test, which may import pkg/format (which imports this).
var (
	FastRead  = fastRead
	ParseWith = parseWith
	ParseOne  = parseOne
)
