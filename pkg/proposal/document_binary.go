package proposal

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/budget-ledger/budget/pkg/binenc"
)

// AppendBinenc writes a kept Document for the cache of per-file results: its name, its
// positions index, its kept source lines, its acknowledgements and, when it kept them, its
// JSON values and hash. A Document that reads its node tree (Parsed.Document) is not kept and
// fails the Writer.
func (d *Document) AppendBinenc(w *binenc.Writer) {
	if d.tree != nil {
		w.Fail(fmt.Errorf("proposal: the cache keeps kept Documents only (%s)", d.File))
		return
	}
	w.String(d.File)
	w.String(d.index.names)
	w.Uvarint(uint64(len(d.index.ends)))
	for _, e := range d.index.ends {
		w.Uvarint(uint64(e))
	}
	for _, a := range d.index.at {
		w.Varint(int64(a))
	}
	w.Uvarint(uint64(len(d.lines.numbers)))
	for i, n := range d.lines.numbers {
		w.Varint(int64(n))
		w.Uvarint(uint64(d.lines.ends[i]))
	}
	w.Blob(d.lines.text)
	w.Uvarint(uint64(len(d.acks)))
	for _, a := range d.acks {
		w.String(a.Check)
		w.String(a.At)
		w.String(a.Reason)
		w.Int(a.Index)
		w.Bool(a.Named)
	}
	w.Bool(d.kept)
	if d.kept {
		w.Raw(d.sum[:])
		appendValue(w, d.values)
	}
}

// ReadBinenc reads what AppendBinenc wrote into d, checking that the index and the lines are
// in the order their lookups need and within their texts.
func (d *Document) ReadBinenc(r *binenc.Reader) {
	d.File = r.String()
	d.index.names = r.String()
	n := r.Len(5) // an end and four positions, a byte each at least
	d.index.ends = make([]uint32, n)
	prev := uint64(0)
	for i := range d.index.ends {
		e := r.Uvarint()
		if e < prev || e > uint64(len(d.index.names)) {
			r.Fail(binenc.ErrCorrupt)
			return
		}
		d.index.ends[i], prev = uint32(e), e
	}
	if n > 0 && prev != uint64(len(d.index.names)) {
		r.Fail(binenc.ErrCorrupt)
		return
	}
	d.index.at = make([]int32, 4*n)
	for i := range d.index.at {
		d.index.at[i] = int32(r.Varint())
	}
	for i := 1; i < n; i++ {
		if d.index.name(i-1) >= d.index.name(i) {
			r.Fail(binenc.ErrCorrupt) // find searches a sorted index
			return
		}
	}
	n = r.Len(2)
	d.lines.numbers, d.lines.ends = make([]int32, n), make([]uint32, n)
	for i := range n {
		d.lines.numbers[i] = int32(r.Varint())
		d.lines.ends[i] = uint32(r.Uvarint())
	}
	d.lines.text = slices.Clone(r.Blob())
	for i := range n {
		if i > 0 && (d.lines.numbers[i] <= d.lines.numbers[i-1] || d.lines.ends[i] < d.lines.ends[i-1]) ||
			int(d.lines.ends[i]) > len(d.lines.text) {
			r.Fail(binenc.ErrCorrupt)
			return
		}
	}
	if n = r.Len(5); n > 0 {
		d.acks = make([]Ack, n)
	}
	for i := range d.acks {
		a := &d.acks[i]
		a.Check, a.At, a.Reason = r.String(), r.String(), r.String()
		a.Index = r.Int()
		a.Named = r.Bool()
	}
	if d.kept = r.Bool(); d.kept {
		copy(d.sum[:], r.Raw(len(d.sum)))
		d.values = readValue(r, 0)
	}
}

// The kinds of JSON value a kept Document's values hold (Parsed.Value).
const (
	valueNull byte = iota
	valueFalse
	valueTrue
	valueString
	valueNumber
	valueArray
	valueObject
)

func appendValue(w *binenc.Writer, v any) {
	switch x := v.(type) {
	case nil:
		w.Byte(valueNull)
	case bool:
		if x {
			w.Byte(valueTrue)
		} else {
			w.Byte(valueFalse)
		}
	case string:
		w.Byte(valueString)
		w.String(x)
	case json.Number:
		w.Byte(valueNumber)
		w.String(string(x))
	case []any:
		w.Byte(valueArray)
		w.Uvarint(uint64(len(x)))
		for _, e := range x {
			appendValue(w, e)
		}
	case map[string]any:
		w.Byte(valueObject)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys) // the same file gives the same bytes
		w.Uvarint(uint64(len(keys)))
		for _, k := range keys {
			w.String(k)
			appendValue(w, x[k])
		}
	default:
		w.Fail(fmt.Errorf("proposal: cannot keep a JSON value of type %T", v))
	}
}

// readValue reads a JSON value no deeper than the parser lets a file nest (and a little more:
// a corrupt entry must not recurse without end).
func readValue(r *binenc.Reader, depth int) any {
	if depth > 4*DefaultLimits.MaxDepth+64 {
		r.Fail(binenc.ErrCorrupt)
		return nil
	}
	switch r.Byte() {
	case valueNull:
		return nil
	case valueFalse:
		return false
	case valueTrue:
		return true
	case valueString:
		return r.String()
	case valueNumber:
		return json.Number(r.String())
	case valueArray:
		a := make([]any, r.Len(1))
		for i := range a {
			a[i] = readValue(r, depth+1)
		}
		return a
	case valueObject:
		n := r.Len(2)
		m := make(map[string]any, n)
		for range n {
			k := r.String()
			m[k] = readValue(r, depth+1)
		}
		return m
	}
	r.Fail(binenc.ErrCorrupt)
	return nil
}
