package ledger

import (
	"bytes"
	"os"
	"testing"
)

// TestDecodeResultCorrupt: an entry that passed its checksum yet holds other bytes (a bug, a
// crafted pack) decodes to an error or to some result, never a panic, at every byte flipped
// and every length cut, in both models.
func TestDecodeResultCorrupt(t *testing.T) {
	fsys := os.DirFS("../../proposals")
	for _, rel := range []string{"catalog.yaml", "biu/01-digitalt-samtykke.yaml", "cross-cutting/" + firstCrossCutting(t)} {
		for _, m := range []Model{ModelAll, ModelTables} {
			opts := Options{Model: m}.withDefaults()
			l := loadFile(fsys, rel, "proposals/"+rel, opts, nil)
			data, ok := encodeResult(&l)
			if !ok {
				t.Fatalf("%s: no entry", rel)
			}
			if _, ok := decodeResult(data, opts, nil); !ok {
				t.Fatalf("%s: its own entry does not decode", rel)
			}
			for i := range data {
				b := bytes.Clone(data)
				b[i] ^= 0x5a
				decodeResult(b, opts, nil)
				decodeResult(data[:i], opts, nil)
			}
		}
	}
}

func firstCrossCutting(t *testing.T) string {
	es, err := os.ReadDir("../../proposals/cross-cutting")
	if err != nil || len(es) == 0 {
		t.Fatal("no cross-cutting proposal in the bundled ledger", err)
	}
	return es[0].Name()
}
