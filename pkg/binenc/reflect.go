package binenc

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"sync"

	"github.com/shopspring/decimal"
)

// Marshaler is a type that encodes itself (one with unexported state, such as a kept
// proposal.Document): Encode calls its AppendBinenc, Decode the ReadBinenc of a new value.
type Marshaler interface {
	AppendBinenc(w *Writer)
}

// Unmarshaler reads what the type's AppendBinenc wrote.
type Unmarshaler interface {
	ReadBinenc(r *Reader)
}

// Encode writes *v, a value of the model's plain types: booleans, integers, strings, slices,
// pointers, structs of those (their exported fields, in order, but those tagged binenc:"-"),
// decimal.Decimal, and Marshalers. A nil slice is told from an empty one, and a nil pointer
// from a zero value, so that Decode gives back what was encoded. Any other type (a map, an
// interface, a float) is an error of the Writer: the caller keeps no entry rather than one
// that would decode differently.
//
// v points at the value, as Decode's argument does.
func Encode(w *Writer, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		w.Fail(fmt.Errorf("binenc: Encode of a non-pointer %T", v))
		return
	}
	c, err := codecOf(rv.Type().Elem())
	if err != nil {
		w.Fail(err)
		return
	}
	c.enc(w, rv.Elem())
}

// Decode reads into the value v points at what Encode wrote of a value of its type.
func Decode(r *Reader, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		r.Fail(fmt.Errorf("binenc: Decode of a non-pointer %T", v))
		return
	}
	c, err := codecOf(rv.Type().Elem())
	if err != nil {
		r.Fail(err)
		return
	}
	c.dec(r, rv.Elem())
}

type codec struct {
	enc func(w *Writer, v reflect.Value)
	dec func(r *Reader, v reflect.Value)
}

var codecs sync.Map // reflect.Type -> *codec

var (
	decimalType     = reflect.TypeFor[decimal.Decimal]()
	marshalerType   = reflect.TypeFor[Marshaler]()
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
)

func codecOf(t reflect.Type) (*codec, error) {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec), nil
	}
	c, err := compile(t, map[reflect.Type]*codec{})
	if err != nil {
		return nil, err
	}
	codecs.Store(t, c)
	return c, nil
}

// compile builds the codec of t; building holds the codecs being built, for recursive types.
func compile(t reflect.Type, building map[reflect.Type]*codec) (*codec, error) {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec), nil
	}
	if c := building[t]; c != nil {
		return c, nil
	}
	c := &codec{}
	building[t] = c
	switch {
	case t == decimalType:
		c.enc, c.dec = encDecimal, decDecimal
		return c, nil
	case t.Kind() == reflect.Pointer && t.Implements(marshalerType) && t.Implements(unmarshalerType):
		elem := t.Elem()
		c.enc = func(w *Writer, v reflect.Value) {
			w.Bool(!v.IsNil())
			if !v.IsNil() {
				v.Interface().(Marshaler).AppendBinenc(w)
			}
		}
		c.dec = func(r *Reader, v reflect.Value) {
			if r.Bool() {
				p := reflect.New(elem)
				p.Interface().(Unmarshaler).ReadBinenc(r)
				v.Set(p)
			}
		}
		return c, nil
	}
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(w *Writer, v reflect.Value) { w.Bool(v.Bool()) }
		c.dec = func(r *Reader, v reflect.Value) { v.SetBool(r.Bool()) }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(w *Writer, v reflect.Value) { w.Varint(v.Int()) }
		c.dec = func(r *Reader, v reflect.Value) {
			if i := r.Varint(); v.OverflowInt(i) {
				r.Fail(ErrCorrupt)
			} else {
				v.SetInt(i)
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		c.enc = func(w *Writer, v reflect.Value) { w.Uvarint(v.Uint()) }
		c.dec = func(r *Reader, v reflect.Value) {
			if u := r.Uvarint(); v.OverflowUint(u) {
				r.Fail(ErrCorrupt)
			} else {
				v.SetUint(u)
			}
		}
	case reflect.String:
		c.enc = func(w *Writer, v reflect.Value) { w.String(v.String()) }
		c.dec = func(r *Reader, v reflect.Value) { v.SetString(r.String()) }
	case reflect.Pointer:
		elem, err := compile(t.Elem(), building)
		if err != nil {
			return nil, err
		}
		c.enc = func(w *Writer, v reflect.Value) {
			w.Bool(!v.IsNil())
			if !v.IsNil() {
				elem.enc(w, v.Elem())
			}
		}
		c.dec = func(r *Reader, v reflect.Value) {
			if r.Bool() {
				p := reflect.New(t.Elem())
				elem.dec(r, p.Elem())
				v.Set(p)
			}
		}
	case reflect.Slice:
		elem, err := compile(t.Elem(), building)
		if err != nil {
			return nil, err
		}
		// The length is written plus one, so that 0 stands for a nil slice.
		c.enc = func(w *Writer, v reflect.Value) {
			if v.IsNil() {
				w.Uvarint(0)
				return
			}
			w.Uvarint(uint64(v.Len()) + 1)
			for i := range v.Len() {
				elem.enc(w, v.Index(i))
			}
		}
		c.dec = func(r *Reader, v reflect.Value) {
			n := r.Uvarint()
			if n == 0 {
				return
			}
			if n-1 > uint64(r.Left()) { // every item takes a byte at least
				r.Fail(ErrCorrupt)
				return
			}
			s := reflect.MakeSlice(t, int(n-1), int(n-1))
			for i := range int(n - 1) {
				elem.dec(r, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Struct:
		var fields []int
		var codecs []*codec
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous || f.Tag.Get("binenc") == "-" {
				continue
			}
			if !f.IsExported() {
				return nil, fmt.Errorf("binenc: %s embeds the unexported %s", t, f.Type)
			}
			fc, err := compile(f.Type, building)
			if err != nil {
				return nil, err
			}
			fields, codecs = append(fields, i), append(codecs, fc)
		}
		if len(fields) == 0 {
			return nil, fmt.Errorf("binenc: %s has no field to encode", t)
		}
		c.enc = func(w *Writer, v reflect.Value) {
			for j, i := range fields {
				codecs[j].enc(w, v.Field(i))
			}
		}
		c.dec = func(r *Reader, v reflect.Value) {
			for j, i := range fields {
				codecs[j].dec(r, v.Field(i))
			}
		}
	default:
		return nil, fmt.Errorf("binenc: cannot encode a %s", t)
	}
	return c, nil
}

// EncodeDecimal writes d exactly: its exponent and its coefficient, so that it decodes to the
// same digits ("1.50" stays 1.50).
func EncodeDecimal(w *Writer, d decimal.Decimal) {
	w.Varint(int64(d.Exponent()))
	co := d.Coefficient()
	w.Bool(co.Sign() < 0)
	w.Blob(co.Bytes())
}

// DecodeDecimal reads what EncodeDecimal wrote.
func DecodeDecimal(r *Reader) decimal.Decimal {
	exp := r.Varint()
	neg := r.Bool()
	abs := r.Blob()
	if exp < math.MinInt32 || exp > math.MaxInt32 || r.Err() != nil {
		r.Fail(ErrCorrupt)
		return decimal.Decimal{}
	}
	if len(abs) < 8 || len(abs) == 8 && abs[0] < 0x80 {
		// A coefficient that fits an int64, as nearly every amount's does: decimal.New builds
		// its big.Int once, where NewFromBigInt would copy one built here.
		var u uint64
		for _, b := range abs {
			u = u<<8 | uint64(b)
		}
		i := int64(u)
		if neg {
			i = -i
		}
		return decimal.New(i, int32(exp))
	}
	co := new(big.Int).SetBytes(abs)
	if neg {
		co.Neg(co)
	}
	return decimal.NewFromBigInt(co, int32(exp))
}

func encDecimal(w *Writer, v reflect.Value) { EncodeDecimal(w, v.Interface().(decimal.Decimal)) }

// decDecimal sets v through its address: reflect.ValueOf of a Decimal would box it, an
// allocation per amount. Decode's values are always addressable (reflect.New, slice items).
func decDecimal(r *Reader, v reflect.Value) {
	*v.Addr().Interface().(*decimal.Decimal) = DecodeDecimal(r)
}
