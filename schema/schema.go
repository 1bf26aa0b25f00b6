// Package schema embeds the JSON Schemas (draft 2020-12) of budget's data files, so that the
// binary validates every file on load and `budget schema` can print them for editors.
package schema

import "embed"

// Files holds every *.schema.json of this folder.
//
//go:embed *.schema.json
var Files embed.FS

// Names lists the schemas a data file can name, in the order `budget schema` shows them.
var Names = []string{"proposal", "crosscutting", "catalog", "defs"}
