package lsp

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"
	"time"
	"unicode/utf16"
)

// TestPositions converts between diagnostics' rune columns, byte offsets and the protocol's
// UTF-16 units on a line of Danish letters (one unit each, two bytes) and astral characters
// (two units, four bytes).
func TestPositions(t *testing.T) {
	tx := newText([]byte("title: Æblegrød 😀 på 𝄞 tværs\r\nnæste: x\n"))
	for _, tc := range []struct {
		line, col int // 1-based, runes
		want      Position
		offset    int
	}{
		{1, 1, Position{0, 0}, 0},
		{1, 8, Position{0, 7}, 7},           // Æ
		{1, 16, Position{0, 15}, 17},        // the space after "Æblegrød" (Æ, ø: two bytes each)
		{1, 17, Position{0, 16}, 18},        // 😀
		{1, 18, Position{0, 18}, 22},        // after 😀: two units, four bytes
		{1, 22, Position{0, 22}, 27},        // 𝄞, after " på " (å: two bytes)
		{1, 23, Position{0, 24}, 31},        // after 𝄞
		{1, 99, Position{0, 30}, 38},        // past the end: the line's end, before \r
		{2, 3, Position{1, 2}, 43},          // "næste": the s after æ
		{3, 1, Position{2, 0}, len(tx.src)}, // the empty last line
		{9, 1, Position{2, 0}, len(tx.src)}, // past the last line
	} {
		got := tx.runePosition(tc.line, tc.col)
		if got != tc.want {
			t.Errorf("runePosition(%d, %d) = %v, want %v", tc.line, tc.col, got, tc.want)
		}
		if off := tx.offset(got); off != tc.offset {
			t.Errorf("offset(%v) = %d, want %d", got, off, tc.offset)
		}
		if tc.line <= 3 && tc.col < 99 {
			if back := tx.position(tc.offset); back != got {
				t.Errorf("position(%d) = %v, want %v", tc.offset, back, got)
			}
		}
	}
	// Inside 😀 (between its two units): its start.
	if off := tx.offset(Position{0, 17}); off != 18 {
		t.Errorf("offset inside a surrogate pair = %d, want 18", off)
	}
	if got := string(tx.edit(&Range{Start: Position{0, 16}, End: Position{0, 18}}, "🙂").line(0)); got != "title: Æblegrød 🙂 på 𝄞 tværs" {
		t.Errorf("edit of 😀: %q", got)
	}
}

// clientText is the document as the fuzz test's client holds it: UTF-16 code units, edited by
// index, as an editor that counts in UTF-16 does; nothing of the server's text is shared.
type clientText []uint16

// lineEnd tells how many units of line end start at i: 2 for \r\n, 1 for \n or a lone \r.
func (c clientText) lineEnd(i int) int {
	switch {
	case i >= len(c):
		return 0
	case c[i] == '\r' && i+1 < len(c) && c[i+1] == '\n':
		return 2
	case c[i] == '\r' || c[i] == '\n':
		return 1
	}
	return 0
}

func (c clientText) index(p Position) int {
	line, i := 0, 0
	for i < len(c) && line < p.Line {
		if n := c.lineEnd(i); n > 0 {
			line++
			i += n
		} else {
			i++
		}
	}
	for n := 0; n < p.Character && i < len(c) && c.lineEnd(i) == 0; n++ {
		i++
	}
	return i
}

// position is the Position of unit index i, moved off the second half of a surrogate pair and
// out of a \r\n.
func (c clientText) position(i int) Position {
	if i > 0 && i < len(c) && (c[i] >= 0xDC00 && c[i] <= 0xDFFF || c[i] == '\n' && c[i-1] == '\r') {
		i--
	}
	var p Position
	for j := 0; j < i; {
		if n := c.lineEnd(j); n > 0 {
			p.Line++
			p.Character = 0
			j += n
		} else {
			p.Character++
			j++
		}
	}
	return p
}

var pieces = []string{"", "a", "æ", "ø\n", "😀", "𝄞x", "\n", "  2027: -3968\n", "Å", "\r\n"}

// FuzzEdits sends random sequences of incremental changes over the connection and checks that
// the server's text of the document is the client's after each.
func FuzzEdits(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte("\x05\x10\x20\x04\xff\x00\x33\x01"))
	dir := copyLedger(f, nil)
	c := start(f, dir, time.Hour) // no check runs: the text is under test
	c.init()
	n := 0
	f.Fuzz(func(t *testing.T, ops []byte) {
		n++
		rel := fmt.Sprintf("fuzz/%d.yaml", n) // a document of its own for each input, on one server
		start := "title: Æblegrød 😀\nx: 1\n"
		send := func(method string, params any) {
			if err := c.conn.Notify(context.Background(), method, params); err != nil {
				t.Fatal(err)
			}
		}
		send("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri(dir, rel), Version: 1, Text: start}})
		client := clientText(utf16.Encode([]rune(start)))
		for len(ops) >= 4 {
			a := int(binary.BigEndian.Uint16(ops[0:2])) % (len(client) + 1)
			b := a + int(ops[2])%8
			b = min(b, len(client))
			piece := pieces[int(ops[3])%len(pieces)]
			ops = ops[4:]
			r := Range{Start: client.position(a), End: client.position(b)}
			ai, bi := client.index(r.Start), client.index(r.End)
			client = append(append(append(clientText{}, client[:ai]...), utf16.Encode([]rune(piece))...), client[bi:]...)
			send("textDocument/didChange", DidChangeTextDocumentParams{
				TextDocument:   VersionedTextDocumentIdentifier{URI: uri(dir, rel), Version: 2},
				ContentChanges: []TextDocumentContentChangeEvent{{Range: &r, Text: piece}},
			})
		}
		// A request answered means every change before it was applied: the connection hands
		// the server its messages in order.
		var syms []DocumentSymbol
		if err := c.call("textDocument/documentSymbol", DocumentSymbolParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, rel)}}, &syms); err != nil {
			t.Fatal(err)
		}
		got := c.serverText(rel)
		send("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri(dir, rel)}})
		if want := string(utf16.Decode(client)); got != want {
			t.Fatalf("server holds\n%q\nclient holds\n%q", got, want)
		}
	})
}

// serverText is the server's text of an open document.
func (c *client) serverText(rel string) string {
	c.server.mu.Lock()
	defer c.server.mu.Unlock()
	return string(c.server.docs[rel].t.src)
}
