package diag

import "github.com/budget-ledger/budget/pkg/binenc"

// AppendBinenc writes the list for the cache of per-file results, each diagnostic's message as
// its Text (msg.Text.AppendBinenc), so that it is worded in the run's language as it was made.
func (l List) AppendBinenc(w *binenc.Writer) {
	w.Uvarint(uint64(len(l)))
	for i := range l {
		d := &l[i]
		w.String(d.Pos.File)
		w.Int(d.Pos.Line)
		w.Int(d.Pos.Column)
		w.Int(int(d.Severity))
		w.String(d.Code)
		w.String(d.Message)
		d.Text.AppendBinenc(w)
		w.String(d.Path)
		w.Bool(d.Acknowledged)
		w.String(d.Reason)
	}
}

// ReadBinenc reads what AppendBinenc wrote into l; l is left as it was when the input is corrupt.
func (l *List) ReadBinenc(r *binenc.Reader) {
	n := r.Len(8) // a diagnostic takes eight bytes at least
	if n == 0 {
		*l = nil
		return
	}
	out := make(List, n)
	var file, code string // most diagnostics of a file are at that file, many of one code
	for i := range out {
		d := &out[i]
		if b := r.Blob(); string(b) != file {
			file = string(b)
		}
		d.Pos.File = file
		d.Pos.Line = r.Int()
		d.Pos.Column = r.Int()
		switch s := Severity(r.Int()); s {
		case Error, Warning:
			d.Severity = s
		default:
			r.Fail(binenc.ErrCorrupt)
		}
		if b := r.Blob(); string(b) != code {
			code = string(b)
		}
		d.Code = code
		d.Message = r.String()
		d.Text.ReadBinenc(r)
		d.Path = r.String()
		d.Acknowledged = r.Bool()
		d.Reason = r.String()
	}
	if r.Err() == nil {
		*l = out
	}
}
