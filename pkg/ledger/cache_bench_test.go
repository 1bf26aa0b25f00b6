package ledger

import (
	"os"
	"testing"
)

// entriesOfBundled are the cache entries of the bundled ledger's files, as a load makes them.
func entriesOfBundled(b *testing.B, m Model) (out []loadedFile, data [][]byte) {
	fsys := os.DirFS("../../proposals")
	files, _, err := Files(fsys, "proposals", Options{})
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Model: m}.withDefaults()
	for _, f := range files {
		l := loadFile(fsys, f, "proposals/"+f, opts, nil)
		d, ok := encodeResult(&l)
		if !ok {
			b.Fatalf("%s: no entry", f)
		}
		out, data = append(out, l), append(data, d)
	}
	return out, data
}

// BenchmarkCacheEncode and BenchmarkCacheDecode: one op is every file of the bundled ledger
// (36), kept whole (ModelAll) and as the tables keep it (ModelTables).
func BenchmarkCacheEncode(b *testing.B) {
	for _, m := range []Model{ModelAll, ModelTables} {
		b.Run([]string{"all", "tables"}[m], func(b *testing.B) {
			loaded, data := entriesOfBundled(b, m)
			n := 0
			for _, d := range data {
				n += len(d)
			}
			b.SetBytes(int64(n))
			for b.Loop() {
				for i := range loaded {
					encodeResult(&loaded[i])
				}
			}
		})
	}
}

func BenchmarkCacheDecode(b *testing.B) {
	for _, m := range []Model{ModelAll, ModelTables} {
		b.Run([]string{"all", "tables"}[m], func(b *testing.B) {
			_, data := entriesOfBundled(b, m)
			n := 0
			for _, d := range data {
				n += len(d)
			}
			b.SetBytes(int64(n))
			opts := Options{Model: ModelTables} // no Sheets: the decoding alone
			for b.Loop() {
				for _, d := range data {
					if _, ok := decodeResult(d, opts, nil); !ok {
						b.Fatal("an entry does not decode")
					}
				}
			}
		})
	}
}
