// Package binenc is the compact binary encoding of the cache's entries (pkg/cache): varints,
// length-prefixed strings, and a reflection codec for the model's plain structs. A Reader never
// trusts its input: every length is checked against the bytes left, and the first problem
// sticks, so that a corrupt entry decodes to an error, never a panic or an allocation larger
// than the entry.
package binenc

import (
	"encoding/binary"
	"errors"
	"math"
)

// ErrCorrupt is the error of a Reader whose input ends early or holds a value out of range.
var ErrCorrupt = errors.New("binenc: corrupt input")

// Writer appends encoded values to a buffer. The zero value is an empty Writer; the first
// error (Fail) sticks and is returned by Err.
type Writer struct {
	buf []byte
	err error
}

// NewWriter returns a Writer that appends to buf.
func NewWriter(buf []byte) *Writer { return &Writer{buf: buf} }

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.buf }

// Err returns the first error of the writing, nil when there was none.
func (w *Writer) Err() error { return w.err }

// Fail records err, unless an error was recorded before.
func (w *Writer) Fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// Uvarint writes u.
func (w *Writer) Uvarint(u uint64) { w.buf = binary.AppendUvarint(w.buf, u) }

// Varint writes i.
func (w *Writer) Varint(i int64) { w.buf = binary.AppendVarint(w.buf, i) }

// Int writes i.
func (w *Writer) Int(i int) { w.Varint(int64(i)) }

// Bool writes b as one byte.
func (w *Writer) Bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// Byte writes b.
func (w *Writer) Byte(b byte) { w.buf = append(w.buf, b) }

// String writes s, its length first.
func (w *Writer) String(s string) {
	w.Uvarint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Blob writes b, its length first.
func (w *Writer) Blob(b []byte) {
	w.Uvarint(uint64(len(b)))
	w.buf = append(w.buf, b...)
}

// Raw writes b as it is, without its length: for fixed-size values (a hash).
func (w *Writer) Raw(b []byte) { w.buf = append(w.buf, b...) }

// Reader reads what a Writer wrote. Once it has failed, every read returns the zero value.
type Reader struct {
	buf []byte
	err error
}

// NewReader returns a Reader of buf. The strings it returns are copies; Blob and Raw return
// slices of buf.
func NewReader(buf []byte) *Reader { return &Reader{buf: buf} }

// Err returns the first error of the reading, nil when there was none.
func (r *Reader) Err() error { return r.err }

// Fail records err, unless an error was recorded before, and stops the reading.
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
		r.buf = nil
	}
}

// Left returns how many bytes are left to read.
func (r *Reader) Left() int { return len(r.buf) }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	u, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.Fail(ErrCorrupt)
		return 0
	}
	r.buf = r.buf[n:]
	return u
}

// Varint reads a signed varint.
func (r *Reader) Varint() int64 {
	i, n := binary.Varint(r.buf)
	if n <= 0 {
		r.Fail(ErrCorrupt)
		return 0
	}
	r.buf = r.buf[n:]
	return i
}

// Int reads an int written by Writer.Int.
func (r *Reader) Int() int {
	i := r.Varint()
	if i < math.MinInt || i > math.MaxInt {
		r.Fail(ErrCorrupt)
		return 0
	}
	return int(i)
}

// Bool reads a bool.
func (r *Reader) Bool() bool {
	switch r.Byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.Fail(ErrCorrupt)
	return false
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if len(r.buf) == 0 {
		r.Fail(ErrCorrupt)
		return 0
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b
}

// Len reads a length of at most the bytes left divided by unit (the fewest bytes an item of it
// takes, at least 1), so that a corrupt length cannot make a caller allocate more than the
// input could hold.
func (r *Reader) Len(unit int) int {
	n := r.Uvarint()
	if n > uint64(len(r.buf)/max(unit, 1)) {
		r.Fail(ErrCorrupt)
		return 0
	}
	return int(n)
}

// String reads a string.
func (r *Reader) String() string { return string(r.Blob()) }

// Blob reads a byte string; the slice is the Reader's input, not a copy.
func (r *Reader) Blob() []byte { return r.Raw(r.Len(1)) }

// Raw reads n bytes; the slice is the Reader's input, not a copy.
func (r *Reader) Raw(n int) []byte {
	if n < 0 || n > len(r.buf) {
		r.Fail(ErrCorrupt)
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}
