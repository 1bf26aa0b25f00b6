// Command hostile writes a ledger holding one synthetic hostile file: the bundled ledger with one
// proposal rewritten into a shape that costs the most per byte, filled up to a size within the
// file-size limit. It is how bench/README.md's "hostile shapes" table is measured, and what a
// pull request can send within the limits.
//
//	go run ./bench/hostile -shape flowmap -size 4MiB -out /tmp/hostile-flowmap
//	go run ./bench/hostile -shape summaries -files 256 -size 4MiB -out /tmp/hostile-many
//
// writes /tmp/hostile-flowmap/proposals/, a copy of -base (proposals/) whose file
// biu/03-forenklet-driftsunderstoettelse.yaml carries the shape. -list prints the shapes. The
// output depends only on the flags.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// target is the proposal that carries the shape; the rest of the ledger stays as bundled.
const target = "biu/03-forenklet-driftsunderstoettelse.yaml"

func main() {
	shapeName := flag.String("shape", "", "the shape to write (-list prints them)")
	size := flag.String("size", "4MiB", "size of the hostile file: bytes, or with KiB or MiB")
	files := flag.Int("files", 1, "for -shape summaries: how many such files")
	base := flag.String("base", "proposals", "the ledger to start from")
	out := flag.String("out", "", "output folder (created; must not hold a proposals/ folder already)")
	list := flag.Bool("list", false, "print the shapes and what each costs, and exit")
	flag.Parse()
	if *list {
		for _, s := range shapes {
			fmt.Printf("%-12s %s\n", s.name, s.doc)
		}
		return
	}
	n, err := parseSize(*size)
	i := slices.IndexFunc(shapes, func(s shape) bool { return s.name == *shapeName })
	if err != nil || i < 0 || *out == "" || *files < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: hostile -shape NAME [-size 4MiB] [-files N] [-base proposals] -out DIR   (hostile -list: the shapes)")
		os.Exit(2)
	}
	if err := write(*base, *out, shapes[i], n, *files); err != nil {
		fmt.Fprintf(os.Stderr, "hostile: %v\n", err)
		os.Exit(1)
	}
}

func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "MiB"):
		s, mult = strings.TrimSuffix(s, "MiB"), 1<<20
	case strings.HasSuffix(s, "KiB"):
		s, mult = strings.TrimSuffix(s, "KiB"), 1<<10
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int(n * float64(mult)), nil
}

func write(base, out string, s shape, size, files int) error {
	dir := filepath.Join(out, "proposals")
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists", dir)
	}
	if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
		return err
	}
	orig, err := os.ReadFile(filepath.Join(base, target))
	if err != nil {
		return err
	}
	if s.name == "summaries" {
		// Many files of the largest size: the memory a ledger of few, huge files takes.
		for i := range files {
			text := s.build(orig, size-8) // room for the longer number
			text = bytes.Replace(text, []byte("\nnumber: 3\n"), fmt.Appendf(nil, "\nnumber: %d\n", 1000+i), 1)
			name := filepath.Join(dir, "biu", fmt.Sprintf("%04d-synthetic-summary.yaml", 1000+i))
			if err := os.WriteFile(name, text, 0o644); err != nil {
				return err
			}
		}
		return nil
	}
	return os.WriteFile(filepath.Join(dir, target), s.build(orig, size), 0o644)
}

// shape is a hostile layout: build returns the target file's text rewritten to about size bytes.
type shape struct {
	name, doc string
	build     func(orig []byte, size int) []byte
}

// fill repeats unit(i) for i = 0, 1, ... while the whole file stays within size; head and tail
// go around the repeated part.
func fill(fixed int, size int, unit func(i int) string) string {
	var b strings.Builder
	for i := 0; ; i++ {
		u := unit(i)
		if fixed+b.Len()+len(u) > size {
			return b.String()
		}
		b.WriteString(u)
	}
}

// replaceLine swaps the file's line that starts with prefix for the text make returns, given
// how many bytes the rest of the file takes.
func replaceLine(orig []byte, prefix string, make func(fixed int) string) []byte {
	lines := strings.SplitAfter(string(orig), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			rest := len(orig) - len(l)
			lines[i] = make(rest)
			return []byte(strings.Join(lines, ""))
		}
	}
	panic("no line " + prefix)
}

// appendTop adds top-level text at the end of the file.
func appendTop(orig []byte, size int, head, tail string, unit func(i int) string) []byte {
	body := fill(len(orig)+len(head)+len(tail)+1, size, unit)
	return []byte(string(orig) + head + body + tail + "\n")
}

// atInnovation rewrites from_innovation_proposal (a boolean) with head, the filled units, tail.
func atInnovation(orig []byte, size int, head, tail string, unit func(i int) string) []byte {
	return replaceLine(orig, "from_innovation_proposal:", func(rest int) string {
		fixed := rest + len(head) + len(tail) + 1
		return head + fill(fixed, size, unit) + tail + "\n"
	})
}

// insertRows puts rows into the permanent section, before its first row.
func insertRows(orig []byte, size int, unit func(i int) string) []byte {
	const marker = "    rows:\n"
	i := bytes.Index(orig, []byte(marker)) + len(marker)
	body := fill(len(orig), size, unit)
	return slices.Concat(orig[:i], []byte(body), orig[i:])
}

func key(i int) string { return fmt.Sprintf("k%07d", i) }

func digits(n int) string { return "1" + strings.Repeat("0", max(0, n-1)) }

var shapes = []shape{
	{"flowmap", "from_innovation_proposal as a flow mapping of many keys on one line (yaml.v3's duplicate-key check in Decode is quadratic)",
		func(o []byte, n int) []byte {
			return atInnovation(o, n, "from_innovation_proposal: {", "}", func(i int) string { return key(i) + ": 0, " })
		}},
	{"blockmap", "from_innovation_proposal as a block mapping of many keys, one a line",
		func(o []byte, n int) []byte {
			return atInnovation(o, n, "from_innovation_proposal:\n", "", func(i int) string { return "  " + key(i) + ": 0\n" })
		}},
	{"flowseq", "from_innovation_proposal as a flow list of many numbers on one line",
		func(o []byte, n int) []byte {
			return atInnovation(o, n, "from_innovation_proposal: [", "0]", func(int) string { return "0, " })
		}},
	{"dupkeys", "a mapping whose keys all come twice: one duplicate-key error each",
		func(o []byte, n int) []byte {
			half := (n - len(o)) / 2
			return atInnovation(o, n, "from_innovation_proposal:\n", "", func(i int) string {
				if i*13 < half {
					return "  " + key(i) + ": 0\n"
				}
				return "  " + key(i-half/13) + ": 0\n"
			})
		}},
	{"unknownkeys", "many unknown top-level fields: one schema error each, with a did-you-mean search",
		func(o []byte, n int) []byte {
			return appendTop(o, n, "", "", func(i int) string { return "summaryx" + key(i) + ": 0\n" })
		}},
	{"longkey", "one unknown field whose name fills the file (quoted in the message, edit distance to every allowed name)",
		func(o []byte, n int) []byte {
			// An explicit key (?): yaml.v3 refuses implicit keys past 1,024 characters.
			return appendTop(o, n, "? ", "\n: 0", func(int) string { return "summarysummary" })
		}},
	{"badlist", "acknowledged as a block list of numbers: one schema error per element, each quoting its line",
		func(o []byte, n int) []byte {
			return appendTop(o, n, "acknowledged:\n", "", func(int) string { return "  - 0\n" })
		}},
	{"badlistline", "acknowledged as a flow list of numbers on one line: one error per element, all on one huge line",
		func(o []byte, n int) []byte {
			return appendTop(o, n, "acknowledged: [", "0]", func(int) string { return "0, " })
		}},
	{"acks", "many acknowledgements that match no finding, and many findings: one unused-acknowledgement warning each",
		func(o []byte, n int) []byte {
			return appendTop(o, n, "acknowledged:\n", "", func(i int) string {
				return fmt.Sprintf("  - {check: thousands-separator, at: x.%d, reason: synthetic reason}\n", i)
			})
		}},
	{"warnings", "many rows whose amounts look like thousands separators (1.500): one warning each",
		func(o []byte, n int) []byte {
			return insertRows(o, n, func(i int) string {
				return fmt.Sprintf("      - {label: r%d, area: Service, amounts: {2026: 1.500}}\n", i)
			})
		}},
	{"rows", "many valid rows in Tabel 1: the checks, the table and the export grow with them",
		func(o []byte, n int) []byte {
			return insertRows(o, n, func(i int) string {
				return fmt.Sprintf("      - {label: r%d, area: Service, amounts: {2025: 0, 2026: 1, 2027: 1, 2028: 1, 2029: 1, 2030: 1}}\n", i)
			})
		}},
	{"sumlabels", "a total that sums a list of many row labels over many rows (label lookup per row)",
		func(o []byte, n int) []byte {
			rows := insertRows(o, n/2, func(i int) string {
				return fmt.Sprintf("      - {label: r%d, area: Service, amounts: {2026: 1}}\n", i)
			})
			const marker = "    totals:\n"
			i := bytes.Index(rows, []byte(marker)) + len(marker)
			head := "      - label: synthetic\n        amounts: {2026: 0}\n        sums: ["
			body := fill(len(rows)+len(head)+3, n, func(j int) string { return fmt.Sprintf("r%d, ", j) })
			return slices.Concat(rows[:i], []byte(head+body+"r]\n"), rows[i:])
		}},
	{"yearkeys", "rows whose amounts have 10,000 year keys each (valid names for the schema)",
		func(o []byte, n int) []byte {
			return insertRows(o, n, func(i int) string {
				var b strings.Builder
				fmt.Fprintf(&b, "      - label: y%d\n        area: Service\n        amounts:\n", i)
				for y := range 10000 {
					fmt.Fprintf(&b, "          %04d: 1\n", y)
				}
				return b.String()
			})
		}},
	{"yearslist", "economy.years as a flow list of the same year, many times (uniqueItems)",
		func(o []byte, n int) []byte {
			return replaceLine(o, "  years: [", func(rest int) string {
				return "  years: [" + fill(rest+20, n, func(int) string { return "2026, " }) + "2026]\n"
			})
		}},
	{"comments", "many comment lines between two keys",
		func(o []byte, n int) []byte {
			return atInnovation(o, n, "", "from_innovation_proposal: null", func(i int) string { return "# synthetic comment\n" })
		}},
	{"deep", "many lists nested 30 deep under from_innovation_proposal",
		func(o []byte, n int) []byte {
			unit := strings.Repeat("[", 29) + "0" + strings.Repeat("]", 29) + ", "
			return atInnovation(o, n, "from_innovation_proposal: [", "0]", func(int) string { return unit })
		}},
	{"bigamount", "one amount whose digits fill the file",
		func(o []byte, n int) []byte {
			return replaceLine(o, "    2026: 712", func(rest int) string { return "    2026: " + digits(n-rest-12) + "\n" })
		}},
	{"decimals", "one amount of 0.000…1 whose decimals fill the file",
		func(o []byte, n int) []byte {
			return replaceLine(o, "    2026: 712", func(rest int) string {
				return "    2026: 0." + strings.Repeat("0", max(0, n-rest-14)) + "1\n"
			})
		}},
	{"longlabel", "a row label that fills the file, in a row whose total does not add up",
		func(o []byte, n int) []byte {
			return replaceLine(o, "      - label: Reduktion", func(rest int) string {
				return "      - label: " + strings.Repeat("x", n-rest-16) + "\n"
			})
		}},
	{"summaries", "a valid proposal whose summary fills the file; with -files N, N such files (memory)",
		func(o []byte, n int) []byte {
			return replaceLine(o, "summary:", func(rest int) string {
				words := fill(rest+len("summary: >-\n")+1, n, func(i int) string {
					if i%12 == 11 {
						return "synthetic\n  "
					}
					return "synthetic "
				})
				return "summary: >-\n  " + strings.TrimSpace(words) + "\n"
			})
		}},
}
