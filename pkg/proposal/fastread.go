package proposal

import (
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

// ReaderEnv names the environment variable that picks the reader of data files: "yaml" reads
// every file with yaml.v3, for bug reports and for the test run that checks the slow path;
// empty (or "fast") reads a file in budget fmt's layout with fastRead.
const ReaderEnv = "BUDGET_READER"

// Readers are the values ReaderEnv may take; the command line refuses any other.
var Readers = []string{"fast", "yaml"}

// fastReaderOn reports whether ReaderEnv lets fastRead read files. It is read at each parse,
// not once, so that a test can set it; reading it changes nothing in the process.
func fastReaderOn() bool { return os.Getenv(ReaderEnv) != "yaml" }

// fastDocument returns the document node of src where fast is set and src is in the layout
// budget fmt writes (readFast), nil for any other file, which yaml.v3 reads (parseOne). fastRead
// reads only UTF-8 text without a NUL or a byte order mark (fastChars), so the checks of a
// file's encoding have nothing to find in a file it reads, and are left to the other files.
// With pooled, it reads src itself, not a copy, and takes its nodes from slabs: the slab
// returned is the one to give back (Parsed.Release); nil where it read no tree.
func fastDocument(src []byte, fast, pooled bool) (*yaml.Node, *slab) {
	if !fast {
		return nil, nil
	}
	var text string
	if pooled {
		text = unsafe.String(unsafe.SliceData(src), len(src))
	} else {
		text = string(src)
	}
	return readFast(src, text, pooled)
}

// fastMaxDepth is the deepest nesting fastRead reads: a proposal nests six levels, and deeper
// files go to yaml.v3, which the depth limit then judges as it does any file.
const fastMaxDepth = 48

// fastRead reads a file written in exactly the canonical layout of budget fmt (pkg/format) and
// returns the document node that yaml.v3 would give for the same bytes, identical in every
// field (FuzzFastReader holds it to that), or nil for anything it does not recognise
// completely: tabs, carriage returns, anchors, tags, document markers, indentation other than
// two spaces a level, a scalar or comment form that fmt does not write, a key that is neither a
// plain word nor a year. Nil costs nothing but the time spent: the caller reads the whole file
// with yaml.v3. Values that yaml.v3 takes as written are substrings of one copy of src, and the
// nodes come from one slab, so that reading a file costs a few allocations.
func fastRead(src []byte) *yaml.Node {
	root, _ := readFast(src, string(src), false)
	return root
}

// readFast is fastRead over text, which holds the bytes of src. With pooled, the nodes and the
// Content slices come from a slab of the pool (takeSlab), returned with the tree for
// Parsed.Release to give back; without, from a slab of the file's own, which the tree keeps.
func readFast(src []byte, text string, pooled bool) (*yaml.Node, *slab) {
	marks, ok := fastChars(src)
	if !ok {
		return nil, nil
	}
	r := fastReader{s: text, line: 1, eolOff: -1}
	// A key and its value are two nodes, a list's item one more, a number in brackets one;
	// any shortfall (the brackets themselves) is met by node, a few at a time.
	need := marks + 8
	if !pooled {
		r.nodes = make([]yaml.Node, need)
		return r.document(), nil
	}
	s := takeSlab(need)
	// Every node but the document is the child of one other: as many Content entries as nodes.
	r.nodes, r.ptrs, r.slab = s.nodes, s.ptrs, s
	root := r.document()
	s.used = len(s.nodes) - len(r.nodes)
	if len(s.extra) > 0 {
		s.used = len(s.nodes)
	}
	if root == nil {
		s.release() // nothing points at the nodes of a file fastRead gave up on
		return nil, nil
	}
	return root, s
}

// A slab is the memory a pooled fastRead takes its nodes and their Content slices from: one for
// the file being read, given back by Parsed.Release once nothing reads the tree any more.
type slab struct {
	nodes []yaml.Node
	ptrs  []*yaml.Node
	// used is how many of nodes the file took; extra are the chunks node added past them.
	used  int
	extra [][]yaml.Node
}

// slabs holds the slabs given back, zeroed, so that no node of an earlier file survives into a
// later one (nor keeps that file's text alive); each is as large as the largest file it read.
var slabs sync.Pool

// maxPooledNodes is the largest slab kept for reuse (about 10 MB): a hostile file's slab is
// left to the collector, not held for every later file.
const maxPooledNodes = 1 << 16

// takeSlab returns a slab of at least n nodes and as many Content entries, zeroed.
func takeSlab(n int) *slab {
	if s, _ := slabs.Get().(*slab); s != nil && len(s.nodes) >= n {
		return s
	}
	return &slab{nodes: make([]yaml.Node, n), ptrs: make([]*yaml.Node, n)}
}

// release zeroes what the file used of s and puts it back in the pool; in poison mode
// (PoisonReleased) it overwrites every node and entry with garbage instead, and leaves s to
// the collector, so that a node read after its Release reads the garbage, never a later file.
func (s *slab) release() {
	used := min(s.used, len(s.nodes))
	if poison.Load() {
		for i := range s.nodes[:used] {
			s.nodes[i] = poisonNode
		}
		for _, c := range s.extra {
			for i := range c {
				c[i] = poisonNode
			}
		}
		for i := range s.ptrs {
			s.ptrs[i] = &poisonTarget
		}
		return
	}
	clear(s.nodes[:used])
	clear(s.ptrs[:used])
	s.used, s.extra = 0, nil
	if len(s.nodes) <= maxPooledNodes {
		slabs.Put(s)
	}
}

// poison is set by PoisonReleased.
var poison atomic.Bool

// PoisonReleased sets poison mode, for tests: Release then overwrites the nodes it is given back
// with garbage (a kind no YAML node has, a value of NUL and "poisoned", position -1:-1) and
// keeps them out of the pool, so that a use after Release shows as a wrong output or a failed
// test instead of reading the next file's nodes. The tests of the packages that load ledgers
// set it with PoisonFromEnv; it is set before anything is parsed, and a program never sets it.
func PoisonReleased(on bool) { poison.Store(on) }

// PoisonEnv names the variable with which a test run asks for poison mode: "1" turns it on.
// make test runs the tests of the packages that load ledgers a second time with it.
const PoisonEnv = "BUDGET_TEST_POISON"

// PoisonFromEnv sets poison mode as PoisonEnv says and reports whether it is on: for the
// TestMain of each package whose tests load files.
func PoisonFromEnv() bool {
	on := os.Getenv(PoisonEnv) == "1"
	PoisonReleased(on)
	return on
}

// poisonNode is what poison mode writes over a released node; poisonTarget is what every
// released Content entry then points at.
var (
	poisonNode = yaml.Node{Kind: yaml.Kind(0xff), Style: yaml.Style(0xff), Tag: "!poisoned", Value: "\x00poisoned",
		Anchor: "poisoned", HeadComment: "# poisoned", LineComment: "# poisoned", FootComment: "# poisoned", Line: -1, Column: -1}
	poisonTarget = poisonNode
)

// fastChars reports whether src holds only what fastRead reads: lines that end in "\n" with no
// space before it, and characters that YAML prints, none of which it reads as a line break or a
// byte order mark. Everything else (tabs, CR, NEL, LS, PS, controls) is yaml.v3's to judge.
// marks counts the nodes that ":", "-" and "," before a space or a line's end start: two for
// a key, one for an item or a number in brackets.
func fastChars(src []byte) (marks int, ok bool) {
	if len(src) == 0 || src[len(src)-1] != '\n' {
		return 0, false
	}
	for i := 0; i < len(src); {
		// Eight bytes at a time where all are ASCII; the byte after each of them tells whether
		// a mark starts a node: for the last, src[i+8].
		if i+9 <= len(src) {
			if w := binary.LittleEndian.Uint64(src[i:]); w&hiBits == 0 {
				spaces, nl := byteIs(w, ' '), byteIs(w, '\n')
				below := ^(w + loBits*0x60) & hiBits // bytes below 0x20: b+0x60 sets no top bit
				// A control or DEL; a space before a line feed, within w or just before it.
				if below&^nl|byteIs(w, 0x7f) != 0 || spaces<<8&nl != 0 || src[i] == '\n' && i > 0 && src[i-1] == ' ' {
					return 0, false
				}
				ends := (spaces | nl) >> 8
				if c := src[i+8]; c == ' ' || c == '\n' {
					ends |= 1 << 63
				}
				// Two nodes a colon, one a comma or dash (0x2c and 0x2d, which clearing the low
				// bit makes one): 2 and 1 in the bytes' low bits, which the multiplication sums
				// into the top byte (at most 16).
				colons := byteIs(w, ':') & ends
				others := byteIs(w&^loBits, ',') & ends
				marks += int((colons>>6 | others>>7) * loBits >> 56)
				i += 8
				continue
			}
		}
		// One character: past ASCII, or near the end.
		c := src[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiPlain:
			case asciiMark:
				if i+1 < len(src) && (src[i+1] == ' ' || src[i+1] == '\n') {
					marks++
					if c == ':' {
						marks++
					}
				}
			case asciiNewline:
				if i > 0 && src[i-1] == ' ' {
					return 0, false
				}
			default:
				return 0, false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff,
			0xd800 <= r && r < 0xe000, r == 0xfffe, r == 0xffff, r == utf8.RuneError:
			return 0, false
		}
		i += n
	}
	return marks, true
}

// The classes of ASCII bytes for fastChars.
const (
	asciiBad byte = iota
	asciiPlain
	asciiMark // ":", "-" and ",", which start nodes when a space or a line's end follows
	asciiNewline
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := ' '; c < 0x7f; c++ {
		t[c] = asciiPlain
	}
	t[':'], t['-'], t[','] = asciiMark, asciiMark, asciiMark
	t['\n'] = asciiNewline
	return t
}()

type fastReader struct {
	s     string
	off   int // start of the current line
	line  int // its number, 1-based
	depth int
	nodes []yaml.Node
	ptrs  []*yaml.Node
	slab  *slab        // where nodes and ptrs come from, when pooled
	stack []*yaml.Node // children of the collections being read
	// left is set where the file leaves fmt's layout, for the block being read to give up.
	left bool
	// eolOff and eol cache the end of the line at eolOff, which every step asks for.
	eolOff, eol int
}

// end returns the offset of the "\n" that ends the line at off.
func (r *fastReader) end(off int) int {
	if off != r.eolOff {
		r.eolOff, r.eol = off, strings.IndexByte(r.s[off:], '\n')+off
	}
	return r.eol
}

func (r *fastReader) node(kind yaml.Kind, tag, value string, line, col int) *yaml.Node {
	if len(r.nodes) == 0 {
		r.nodes = make([]yaml.Node, 64)
		if r.slab != nil {
			r.slab.extra = append(r.slab.extra, r.nodes)
		}
	}
	n := &r.nodes[0]
	r.nodes = r.nodes[1:]
	n.Kind, n.Tag, n.Value, n.Line, n.Column = kind, tag, value, line, col
	return n
}

// content moves the children above mark off the stack into a slice of its own, whose capacity
// is its length, so that appending to a node's Content never writes over a neighbour's.
func (r *fastReader) content(mark int) []*yaml.Node {
	kids := r.stack[mark:]
	if len(kids) == 0 {
		return nil
	}
	if len(r.ptrs) < len(kids) {
		// Enough for every node still to be placed, in one allocation where the slab holds
		// the nodes still to come: those on the stack, the collections being read, the slab's.
		r.ptrs = make([]*yaml.Node, max(len(kids), len(r.stack)+r.depth+len(r.nodes)+16))
	}
	c := r.ptrs[:len(kids):len(kids)]
	copy(c, kids)
	r.ptrs = r.ptrs[len(kids):]
	r.stack = r.stack[:mark]
	return c
}

// current returns the current line's indentation and its text after it; ok is false at the end.
func (r *fastReader) current() (indent int, text string, ok bool) {
	if r.off >= len(r.s) {
		return 0, "", false
	}
	l := r.s[r.off:r.end(r.off)]
	for indent < len(l) && l[indent] == ' ' {
		indent++
	}
	return indent, l[indent:], true
}

func (r *fastReader) advance() {
	r.off = r.end(r.off) + 1
	r.line++
}

func (r *fastReader) skipBlank() {
	for r.off < len(r.s) && r.s[r.off] == '\n' {
		r.off++
		r.line++
	}
}

// commentSpan is a run of comment lines at one indentation: from the start of the first line
// to the end of the last one's text; col is their indentation.
type commentSpan struct{ from, to, col, lines int }

// comments looks at the comment lines from the current one, without moving: where they are
// (commentText gives their text as yaml.v3 keeps a head comment), and the indentation of the
// content line right after them, which must be theirs; -1 where they run to the end of the file
// (or there is none). ok is false for comments that yaml.v3 would place elsewhere (a blank line
// after them, or another indentation than the line they head).
func (r *fastReader) comments() (c commentSpan, indent int, next string, ok bool) {
	off := r.off
	c.from = off
	for off < len(r.s) {
		end := r.end(off)
		l := r.s[off:end]
		i := 0
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i == len(l) || c.lines > 0 && i != c.col { // a blank line, or another indentation
			return commentSpan{}, 0, "", false
		}
		if l[i] != '#' {
			return c, i, l[i:], true
		}
		c.col = i
		c.lines++
		c.to = end
		off = end + 1
	}
	return c, -1, "", true
}

// commentText is the text of the comment lines of c: each line's text after the indentation,
// joined by line feeds. At the left margin (or on one line) that is a part of the file's text;
// else it is built in one allocation.
func (r *fastReader) commentText(c commentSpan) string {
	switch {
	case c.lines == 0:
		return ""
	case c.col == 0 || c.lines == 1:
		return r.s[c.from+c.col : c.to]
	}
	var b strings.Builder
	b.Grow(c.to - c.from - c.lines*c.col)
	for off := c.from; ; {
		end := off + strings.IndexByte(r.s[off:c.to+1], '\n')
		b.WriteString(r.s[off+c.col : end])
		if end == c.to {
			return b.String()
		}
		b.WriteByte('\n')
		off = end + 1
	}
}

// document reads the whole file: comments at its top, its top mapping, and nothing after.
func (r *fastReader) document() *yaml.Node {
	var head string
	if _, text, ok := r.current(); ok && strings.HasPrefix(text, "#") {
		// Comments set apart from the first key by an empty line are the document's.
		c, lines := r.topComment()
		if lines > 0 {
			head = c
			for range lines {
				r.advance()
			}
			r.skipBlank()
		}
	}
	r.skipBlank()
	indent, _, ok := r.current()
	if !ok || indent != 0 {
		return nil
	}
	top := r.mapping(0, "", 0)
	if top == nil {
		return nil
	}
	var foot string
	if r.off < len(r.s) {
		// Comments at the end, after an empty line and at the left margin, are the document's.
		c, at, _, ok := r.comments()
		if !ok || at >= 0 || r.s[r.off-2] != '\n' || r.s[r.off] != '#' {
			return nil
		}
		for range c.lines {
			if r.s[r.off] != '#' {
				return nil
			}
			r.advance()
		}
		foot = r.commentText(c)
	}
	doc := r.node(yaml.DocumentNode, "", "", top.Line, 1)
	doc.HeadComment, doc.FootComment = head, foot
	doc.Content = []*yaml.Node{top}
	return doc
}

// topComment returns the comment lines at the very top of the file when an empty line follows
// them (and then a line that is no comment, at the left margin): the document's head comment.
func (r *fastReader) topComment() (string, int) {
	off, lines := r.off, 0
	for off < len(r.s) && r.s[off] == '#' {
		off += strings.IndexByte(r.s[off:], '\n') + 1
		lines++
	}
	text := r.s[r.off:max(r.off, off-1)]
	if off >= len(r.s) || r.s[off] != '\n' {
		return "", 0
	}
	for off < len(r.s) && r.s[off] == '\n' {
		off++
	}
	if off >= len(r.s) || r.s[off] == '#' || r.s[off] == ' ' {
		return "", 0
	}
	return text, lines
}

// mapping reads a block mapping whose keys are at column indent (0-based). first is the text
// of its first entry when that follows a "- " on the current line, at 0-based column firstCol;
// empty when the mapping starts on a line of its own.
func (r *fastReader) mapping(indent int, first string, firstCol int) *yaml.Node {
	if r.depth++; r.depth > fastMaxDepth {
		return nil
	}
	defer func() { r.depth-- }()
	if r.stack == nil {
		r.stack = make([]*yaml.Node, 0, 64) // deeper than most files' stacks, in one allocation
	}
	mark := len(r.stack)
	var m *yaml.Node
	if first != "" {
		m = r.node(yaml.MappingNode, "!!map", "", r.line, firstCol+1)
		if !r.entry(first, firstCol, indent, "") {
			return nil
		}
	}
	for {
		head, text, more := r.next(indent)
		if !more {
			break
		}
		if strings.HasPrefix(text, "-") {
			return nil
		}
		if m == nil {
			m = r.node(yaml.MappingNode, "!!map", "", r.line, indent+1)
		}
		if !r.entry(text, indent, indent, head) {
			return nil
		}
	}
	if m == nil || r.left {
		return nil
	}
	m.Content = r.content(mark)
	return m
}

// next moves to the next entry of the block at column indent, past empty lines and the
// comments that head it (head), and returns the text of its line after the indentation. more
// is false where the block ends: at a shallower line (whose comments head that line's entry),
// at the end of the file, or where the file leaves fmt's layout (left is then set).
func (r *fastReader) next(indent int) (head, text string, more bool) {
	r.skipBlank()
	c, at, _, ok := r.comments()
	switch {
	case !ok || r.off < len(r.s) && at > indent:
		r.left = true
		return "", "", false
	case r.off >= len(r.s) || at < indent:
		return "", "", false
	}
	head = r.commentText(c)
	if c.lines > 0 { // past the comment lines, which comments has read
		r.off, r.line = c.to+1, r.line+c.lines
	}
	_, text, _ = r.current()
	return head, text, true
}

// entry reads "key: value" (or "key:" and a block under it), text starting at 0-based column
// col of the current line; indent is the column of the mapping's keys.
func (r *fastReader) entry(text string, col, indent int, head string) bool {
	i := strings.IndexByte(text, ':')
	if i <= 0 {
		return false
	}
	tag, ok := keyTag(text[:i])
	if !ok {
		return false
	}
	k := r.node(yaml.ScalarNode, tag, text[:i], r.line, col+1)
	k.HeadComment = head
	r.stack = append(r.stack, k)
	rest := text[i+1:]
	if rest == "" {
		r.advance()
		v := r.block(indent + 2)
		if v == nil {
			return false
		}
		r.stack = append(r.stack, v)
		return true
	}
	if rest[0] != ' ' {
		return false
	}
	v := r.inline(rest[1:], col+i+2, indent+2)
	if v == nil {
		return false
	}
	r.stack = append(r.stack, v)
	return true
}

// block reads the mapping or list that starts on the next line at column indent.
func (r *fastReader) block(indent int) *yaml.Node {
	_, at, text, ok := r.comments()
	if !ok || at != indent {
		return nil
	}
	if text == "-" || strings.HasPrefix(text, "- ") {
		return r.sequence(indent)
	}
	return r.mapping(indent, "", 0)
}

// sequence reads a block list whose "- " are at column indent.
func (r *fastReader) sequence(indent int) *yaml.Node {
	if r.depth++; r.depth > fastMaxDepth {
		return nil
	}
	defer func() { r.depth-- }()
	mark := len(r.stack)
	var s *yaml.Node
	for {
		head, text, more := r.next(indent)
		if !more {
			break
		}
		item, isItem := strings.CutPrefix(text, "- ")
		if !isItem {
			return nil
		}
		if s == nil {
			s = r.node(yaml.SequenceNode, "!!seq", "", r.line, indent+1)
		}
		var n *yaml.Node
		if isKeyStart(item) {
			n = r.mapping(indent+2, item, indent+2)
		} else {
			n = r.inline(item, indent+2, indent+2)
		}
		if n == nil {
			return nil
		}
		n.HeadComment = head
		r.stack = append(r.stack, n)
	}
	if s == nil || r.left {
		return nil
	}
	s.Content = r.content(mark)
	return s
}

// isKeyStart reports whether a list item's text starts a mapping: a key and ":" at the end or
// before a space.
func isKeyStart(text string) bool {
	i := strings.IndexByte(text, ':')
	if i <= 0 || (i+1 < len(text) && text[i+1] != ' ') {
		return false
	}
	_, ok := keyTag(text[:i])
	return ok
}

// keyTag returns the tag yaml.v3 resolves a key to, for the keys fmt writes plain: words of
// ASCII letters, digits, "_" and "-" that start with a letter or "_", and years (digits).
func keyTag(k string) (string, bool) {
	if len(k) > MaxKeyLength {
		return "", false
	}
	if '0' <= k[0] && k[0] <= '9' {
		tag := plainNumberTag(k)
		return tag, tag == "!!int"
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || i > 0 && (c == '-' || '0' <= c && c <= '9')) {
			return "", false
		}
	}
	return plainWordTag(k), true
}

// plainWordTag is the tag yaml.v3 resolves a plain scalar that starts with a letter to.
func plainWordTag(s string) string {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}

// plainNumberTag is the tag yaml.v3 resolves a plain scalar that starts with a digit or "-"
// and a digit to, where that is sure: for text of digits, ".", ",", "/" and "-" it goes through the
// steps of yaml.v3's resolve (a timestamp, an integer in any base strconv reads, a float), and
// text with a space that cannot be a date ("2026 p/l") is text. Anything else ("" here:
// exponents, "_", "+", letters, dates) fastRead leaves to yaml.v3.
func plainNumberTag(s string) string {
	if len(s) >= 5 && allDigits(s[:4]) && s[4] == '-' {
		// A date, YYYY-M-D of digits and "-" alone (realised figures' dates), is a timestamp
		// where yaml.v3's date-only layout takes it, else text: its other layouts need a "T",
		// "t" or space, and no integer or float of strconv's holds a "-" past the first byte.
		// Anything else that starts so is left to yaml.v3.
		if strings.Trim(s, "0123456789-") != "" || strings.Count(s, "-") != 2 {
			return ""
		}
		if _, err := time.Parse("2006-1-2", s); err == nil {
			return "!!timestamp"
		}
		return "!!str"
	}
	if strings.IndexByte(s, ' ') > 0 {
		if strings.ContainsAny(s, ":#") || s[0] == '-' {
			return ""
		}
		return "!!str" // no number of strconv's nor a date holds a space
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || c == '.' || c == '-' || c == '/' || c == ',') {
			return ""
		}
	}
	if _, err := strconv.ParseInt(s, 0, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(s, 0, 64); err == nil {
		return "!!int"
	}
	if decimalFloat(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	}
	return "!!str"
}

// decimalFloat matches yaml.v3's float spelling (yamlStyleFloat) for text of digits, "." and
// "-": an optional minus, then ".5", "5", "5." or "5.25".
func decimalFloat(s string) bool {
	s = strings.TrimPrefix(s, "-")
	i, f, dot := strings.Cut(s, ".")
	if i == "" {
		return dot && f != "" && allDigits(f)
	}
	return allDigits(i) && allDigits(f)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// inline reads a value that starts on the current line at 0-based column col, then moves past
// it (a folded text's lines included, at column indent): {}, [], a list of numbers in
// brackets, ">-", a quoted or a plain scalar, each with an optional comment to the line's end.
func (r *fastReader) inline(v string, col, indent int) *yaml.Node {
	line := r.line
	var n *yaml.Node
	var rest string
	switch {
	case v == "":
		return nil
	case strings.HasPrefix(v, "{}"):
		n = r.node(yaml.MappingNode, "!!map", "", line, col+1)
		n.Style = yaml.FlowStyle
		rest = v[2:]
	case strings.HasPrefix(v, "["):
		n, rest = r.flowList(v, col)
	case v == ">-":
		r.advance()
		return r.folded(line, col, indent)
	case v[0] == '"':
		n, rest = r.doubleQuoted(v, col)
	case v[0] == '\'':
		n, rest = r.singleQuoted(v, col)
	default:
		n, rest = r.plain(v, col)
	}
	if n == nil {
		return nil
	}
	if rest != "" {
		if !strings.HasPrefix(rest, " #") {
			return nil
		}
		n.LineComment = rest[1:]
	}
	r.advance()
	return n
}

// text is a text value of its own, not a part of the file's text: the model keeps texts (a
// title, a label) after the file is read, and one of them must not hold the whole file's
// text in memory. Keys and numbers, which nothing keeps as they are, stay parts of it.
func text(s string) string { return strings.Clone(s) }

// plain reads a plain scalar up to the end of the line or " #".
func (r *fastReader) plain(v string, col int) (*yaml.Node, string) {
	text, rest := v, ""
	if i := strings.Index(v, " #"); i >= 0 {
		text, rest = v[:i], v[i:]
	}
	if text == "" || text[len(text)-1] == ' ' || text[len(text)-1] == ':' || strings.Contains(text, ": ") {
		return nil, ""
	}
	var tag string
	c, _ := utf8.DecodeRuneInString(text)
	switch {
	case c == '-' && len(text) > 1 && '0' <= text[1] && text[1] <= '9', '0' <= c && c <= '9':
		tag = plainNumberTag(text)
	case c == '_' || unicode.IsLetter(c):
		tag = plainWordTag(text)
	}
	if tag == "" {
		return nil, ""
	}
	if tag == "!!str" {
		text = strings.Clone(text) // a text of its own, as text (below) says
	}
	return r.node(yaml.ScalarNode, tag, text, r.line, col+1), rest
}

// flowList reads [] or a list of plain numbers in brackets, each after ", ".
func (r *fastReader) flowList(v string, col int) (*yaml.Node, string) {
	end := strings.IndexByte(v, ']')
	if end < 0 {
		return nil, ""
	}
	seq := r.node(yaml.SequenceNode, "!!seq", "", r.line, col+1)
	seq.Style = yaml.FlowStyle
	if end == 1 {
		return seq, v[2:]
	}
	mark := len(r.stack)
	at := 1
	for {
		i := strings.IndexAny(v[at:end], ", ")
		item := v[at:end]
		if i >= 0 {
			item = v[at : at+i]
		}
		if item == "" || (item[0] != '-' && (item[0] < '0' || item[0] > '9')) {
			return nil, ""
		}
		tag := plainNumberTag(item)
		if tag != "!!int" && tag != "!!float" {
			return nil, ""
		}
		r.stack = append(r.stack, r.node(yaml.ScalarNode, tag, item, r.line, col+at+1))
		if i < 0 {
			break
		}
		if !strings.HasPrefix(v[at+i:], ", ") {
			return nil, ""
		}
		at += i + 2
	}
	seq.Content = r.content(mark)
	return seq, v[end+1:]
}

// singleQuoted reads '...' on one line, ” standing for '.
func (r *fastReader) singleQuoted(v string, col int) (*yaml.Node, string) {
	var b strings.Builder
	for i := 1; i < len(v); {
		j := strings.IndexByte(v[i:], '\'')
		if j < 0 {
			return nil, ""
		}
		j += i
		if j+1 < len(v) && v[j+1] == '\'' {
			b.WriteString(v[i : j+1])
			i = j + 2
			continue
		}
		return r.quoted(v, &b, i, j, col, yaml.SingleQuotedStyle), v[j+1:]
	}
	return nil, ""
}

// quoted returns the node of a quoted text v whose closing quote is v[end]: v[1:end] where
// nothing was unescaped before from (from is 1), else what b holds and v[from:end].
func (r *fastReader) quoted(v string, b *strings.Builder, from, end, col int, style yaml.Style) *yaml.Node {
	val := ""
	if from == 1 {
		val = text(v[1:end])
	} else {
		b.WriteString(v[from:end])
		val = b.String()
	}
	n := r.node(yaml.ScalarNode, "!!str", val, r.line, col+1)
	n.Style = style
	return n
}

// doubleQuoted reads "..." on one line, with the escapes of YAML that strconv.Quote and
// yaml.v3's encoder write.
func (r *fastReader) doubleQuoted(v string, col int) (*yaml.Node, string) {
	var b strings.Builder
	start := 1
	for i := 1; i < len(v); i++ {
		switch v[i] {
		case '"':
			return r.quoted(v, &b, start, i, col, yaml.DoubleQuotedStyle), v[i+1:]
		case '\\':
			b.WriteString(v[start:i])
			if i+1 >= len(v) {
				return nil, ""
			}
			i++
			hex := 0
			switch v[i] {
			case '0':
				b.WriteByte(0)
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'v':
				b.WriteByte('\v')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case 'e':
				b.WriteByte(0x1b)
			case '"', '\\', '/':
				b.WriteByte(v[i])
			case 'x':
				hex = 2
			case 'u':
				hex = 4
			case 'U':
				hex = 8
			default:
				return nil, ""
			}
			if hex > 0 {
				if i+hex >= len(v) {
					return nil, ""
				}
				c := rune(0)
				for _, h := range v[i+1 : i+1+hex] {
					d := strings.IndexRune("0123456789abcdef", unicode.ToLower(h))
					if d < 0 {
						return nil, ""
					}
					c = c<<4 | rune(d)
				}
				if 0xd800 <= c && c < 0xe000 || c > unicode.MaxRune {
					return nil, ""
				}
				b.WriteRune(c)
				i += hex
			}
			start = i + 1
		}
	}
	return nil, ""
}

// folded reads the lines of a ">-" text at column indent, from the current line: lines of a
// paragraph joined by a space, paragraphs by as many line breaks as empty lines between them.
// A line indented further, or a text that starts with an empty line, is left to yaml.v3. The
// lines are read twice: for the text's extent and length, then to build it in one allocation.
func (r *fastReader) folded(line, col, indent int) *yaml.Node {
	size, lines := 0, 0
	breaks := -1 // line breaks since the last text line's text; -1 before the first
	off := r.off
	for off < len(r.s) {
		if r.s[off] == '\n' {
			if breaks < 0 {
				return nil
			}
			breaks++
			off++
			lines++
			continue
		}
		end := r.end(off)
		at := off
		for r.s[at] == ' ' { // a line ends in a non-space (fastChars)
			at++
		}
		if at-off < indent {
			break
		}
		if at-off > indent {
			return nil
		}
		if breaks > 0 {
			size += max(breaks-1, 1) // a space, or the line breaks of the empty lines
		}
		size += end - at
		breaks = 1 // the line's own break
		off = end + 1
		lines++
	}
	if breaks < 0 {
		return nil
	}
	var b strings.Builder
	b.Grow(size)
	breaks = -1
	for at := r.off; at < off; {
		if r.s[at] == '\n' {
			breaks++
			at++
			continue
		}
		end := at + strings.IndexByte(r.s[at:], '\n')
		switch {
		case breaks == 1:
			b.WriteByte(' ')
		case breaks > 1:
			for range breaks - 1 {
				b.WriteByte('\n')
			}
		}
		b.WriteString(r.s[at+indent : end])
		breaks = 1
		at = end + 1
	}
	r.off, r.line = off, r.line+lines
	n := r.node(yaml.ScalarNode, "!!str", b.String(), line, col+1)
	n.Style = yaml.FoldedStyle
	return n
}
