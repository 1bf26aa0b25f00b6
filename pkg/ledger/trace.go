package ledger

// Trace, when not nil, is called as a phase of a load ends, with the phase's name: "join" when
// the workers have read, parsed and decoded every file and what follows runs on one goroutine.
// Only a program's main sets it (cmd/budget does under BUDGET_TRACE=1, to tell the serial part
// of a run); nil, the default, costs nothing and changes nothing.
var Trace func(phase string)

func trace(phase string) {
	if Trace != nil {
		Trace(phase)
	}
}
