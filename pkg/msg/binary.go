package msg

import (
	"fmt"
	"math"

	"github.com/budget-ledger/budget/pkg/binenc"
	"github.com/shopspring/decimal"
)

// The kinds of argument a Text keeps in the cache (AppendBinenc). Each is the exact type the
// message was made with, so that its verbs (%d, %q, %s) format it as they did.
const (
	argString byte = iota
	argInt
	argInt64
	argInt32
	argUint
	argBool
	argText
	argError
	argDecimal
	argStrings
	argFloat64
)

// AppendBinenc writes t for the cache of per-file results: its format and each argument as its
// own type, an error as its wordings in both languages. An argument of another type fails the
// Writer: its file is then not kept in the cache rather than kept worded otherwise.
func (t Text) AppendBinenc(w *binenc.Writer) {
	w.String(t.Format)
	if t.Args == nil {
		w.Uvarint(0)
		return
	}
	w.Uvarint(uint64(len(t.Args)) + 1)
	for _, a := range t.Args {
		switch x := a.(type) {
		case string:
			w.Byte(argString)
			w.String(x)
		case int:
			w.Byte(argInt)
			w.Varint(int64(x))
		case int64:
			w.Byte(argInt64)
			w.Varint(x)
		case int32:
			w.Byte(argInt32)
			w.Varint(int64(x))
		case uint:
			w.Byte(argUint)
			w.Uvarint(uint64(x))
		case bool:
			w.Byte(argBool)
			w.Bool(x)
		case Text:
			w.Byte(argText)
			x.AppendBinenc(w)
		case decimal.Decimal:
			w.Byte(argDecimal)
			binenc.EncodeDecimal(w, x)
		case []string:
			w.Byte(argStrings)
			w.Uvarint(uint64(len(x)))
			for _, s := range x {
				w.String(s)
			}
		case float64:
			w.Byte(argFloat64)
			w.Uvarint(math.Float64bits(x))
		case error:
			w.Byte(argError)
			w.String(In(x, English))
			w.String(In(x, Danish))
		default:
			w.Fail(fmt.Errorf("msg: cannot keep an argument of type %T", a))
			return
		}
	}
}

// ReadBinenc reads what AppendBinenc wrote into t.
func (t *Text) ReadBinenc(r *binenc.Reader) {
	t.Format = r.String()
	n := r.Uvarint()
	if n == 0 {
		return
	}
	if n-1 > uint64(r.Left()/2) { // a kind and a value, a byte each at least
		r.Fail(binenc.ErrCorrupt)
		return
	}
	t.Args = make([]any, n-1)
	for i := range t.Args {
		switch r.Byte() {
		case argString:
			t.Args[i] = r.String()
		case argInt:
			t.Args[i] = r.Int()
		case argInt64:
			t.Args[i] = r.Varint()
		case argInt32:
			v := r.Varint()
			if v < math.MinInt32 || v > math.MaxInt32 {
				r.Fail(binenc.ErrCorrupt)
			}
			t.Args[i] = int32(v)
		case argUint:
			v := r.Uvarint()
			if v > math.MaxUint {
				r.Fail(binenc.ErrCorrupt)
			}
			t.Args[i] = uint(v)
		case argBool:
			t.Args[i] = r.Bool()
		case argText:
			var x Text
			x.ReadBinenc(r)
			t.Args[i] = x
		case argDecimal:
			t.Args[i] = binenc.DecodeDecimal(r)
		case argStrings:
			s := make([]string, r.Len(1))
			for j := range s {
				s[j] = r.String()
			}
			t.Args[i] = s
		case argFloat64:
			t.Args[i] = math.Float64frombits(r.Uvarint())
		case argError:
			t.Args[i] = &keptError{en: r.String(), da: r.String()}
		default:
			r.Fail(binenc.ErrCorrupt)
		}
		if r.Err() != nil {
			t.Args = nil
			return
		}
	}
}

// keptError is an error argument as the cache keeps it: its wordings, for the message it is in.
type keptError struct{ en, da string }

func (e *keptError) Error() string { return e.en }

// In words the error in l.
func (e *keptError) In(l Lang) string {
	if l == Danish {
		return e.da
	}
	return e.en
}
