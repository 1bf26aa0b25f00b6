// Package escape neutralises data text for the medium it is written to: a terminal, markdown, CSV
// or JSON. Text in the ledger comes from anyone who opens a pull request, and YAML escapes
// ("\e", "\u202e") let it hold any character; what a renderer writes must show that text, never
// obey it.
//
// One predicate, Hidden, says which characters are dangerous anywhere: they move the cursor,
// reorder or hide text, or are not seen at all. Each medium shows them its own way.
package escape

import (
	"fmt"
	"strconv"
	"unicode"

	"golang.org/x/text/unicode/runenames"
)

// Hidden reports whether r is a character a reader does not see as itself: a control character
// (C0, DEL, C1: escape sequences, carriage return, the CSI 0x9b), a format character (Unicode
// category Cf: the bidirectional overrides and isolates U+202A-U+202E and U+2066-U+2069, the
// marks U+200E, U+200F and U+061C, zero-width space, joiners, word joiner, byte order mark, soft
// hyphen, tag characters), the line and paragraph separators U+2028 and U+2029, or another
// default-ignorable character (Hangul fillers, combining grapheme joiner, variation selectors).
// Tab and line feed are hidden too: in a table cell or on a heading's line they break the layout.
func Hidden(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f:
		return true
	case r < 0x80:
		return false
	case r <= 0x9f:
		return true
	}
	return unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// Kind says what sort of hidden character r is, for a message: "a control character", "a
// bidirectional control", "an invisible character" or "a line separator".
func Kind(r rune) string {
	switch {
	case r < 0x20 || (r >= 0x7f && r <= 0x9f):
		return "a control character"
	case unicode.Is(unicode.Bidi_Control, r):
		return "a bidirectional control"
	case unicode.In(r, unicode.Zl, unicode.Zp):
		return "a line separator"
	}
	return "an invisible character"
}

// Name names r as Unicode does, e.g. "U+202E RIGHT-TO-LEFT OVERRIDE" or "U+001B ESCAPE".
func Name(r rune) string {
	name := runenames.Name(r)
	switch {
	case r < 0x20:
		name = c0Names[r]
	case r == 0x7f:
		name = "DELETE"
	case r >= 0x80 && r <= 0x9f:
		name = c1Names[r-0x80]
	}
	if name == "" {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

// The control characters' names are their Unicode name aliases: the database itself calls each
// of them "<control>".
var (
	c0Names = [32]string{"NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
		"ENQUIRY", "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
		"FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
		"DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
		"SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
		"FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR"}
	c1Names = [32]string{"PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE",
		"INDEX", "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
		"CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD",
		"PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE",
		"DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE", "CANCEL CHARACTER",
		"MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA", "START OF STRING",
		"SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER", "CONTROL SEQUENCE INTRODUCER",
		"STRING TERMINATOR", "OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE", "APPLICATION PROGRAM COMMAND"}
)

// visible is how a terminal and markdown show a hidden character: as Go writes it in a string
// literal, "\x1b", "\t", "\u202e", "\U000e0041". The form is printable ASCII, a backslash and a
// letter, which no medium reads as markup.
func visible(r rune) string {
	q := strconv.QuoteRuneToASCII(r)
	return q[1 : len(q)-1]
}
