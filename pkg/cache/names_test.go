package cache

import (
	"strings"
	"testing"
)

// TestNames holds the names the folder's bound may remove to the packs' and their temporary
// files' own, and no other: the folder may be one of the user's.
func TestNames(t *testing.T) {
	for name, want := range map[string][2]bool{
		"budget-0a1f.pack":                            {true, false},
		"budget-0a1f-side.pack":                       {true, false},
		"budget-0a1f-side.pack.12.tmp":                {false, true},
		"budget-0a1f-side-side.pack":                  {false, false},
		"budget--side.pack":                           {false, false},
		"budget-" + strings.Repeat("f", 64) + ".pack": {true, false},
		"budget-" + strings.Repeat("f", 65) + ".pack": {false, false},
		"budget-.pack":                                {false, false},
		"budget-0A1F.pack":                            {false, false},
		"budget-0a1f.pack.12.tmp":                     {false, true},
		"budget-0a1f.pack..tmp":                       {false, false},
		"budget-0a1f.pack.1x.tmp":                     {false, false},
		"budget-0a1f.packs":                           {false, false},
		"my-notes.pack":                               {false, false},
		"xbudget-0a1f.pack":                           {false, false},
	} {
		if got := [2]bool{isPackName(name), isTempName(name)}; got != want {
			t.Errorf("%q: pack, temporary %v, want %v", name, got, want)
		}
	}
}
