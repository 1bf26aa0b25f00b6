// Command yamlfloor reads and parses every *.yaml file below a folder into yaml.v3 nodes and
// does nothing else: the floor under budget's own loading, which parses the same files with the
// same library and then validates, decodes and checks them. It uses GOMAXPROCS workers.
//
//	go run ./bench/yamlfloor /tmp/ledger-10000/proposals
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: yamlfloor DIR")
		os.Exit(2)
	}
	var files []string
	err := filepath.WalkDir(os.Args[1], func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".yaml") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "yamlfloor: %v\n", err)
		os.Exit(1)
	}
	var next, size atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				src, err := os.ReadFile(files[i])
				if err != nil {
					failed.Store(err)
					return
				}
				// From memory, as budget parses a file without a document marker.
				var root yaml.Node
				if err := yaml.Unmarshal(src, &root); err != nil {
					failed.Store(fmt.Errorf("%s: %w", files[i], err))
					return
				}
				size.Add(int64(len(src)))
			}
		})
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		fmt.Fprintf(os.Stderr, "yamlfloor: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d bytes parsed with %d workers\n", len(files), size.Load(), runtime.GOMAXPROCS(0))
}
