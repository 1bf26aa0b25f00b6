package cli

import "testing"

// TestParseSize: sizes in bytes, SI units (1000s) and IEC units (1024s), in any case, with or
// without a space; anything else is refused with what is accepted.
func TestParseSize(t *testing.T) {
	const refused = " is not a size: write a whole number of bytes up to 1TiB, optionally with a unit: KB, MB, GB (1000, 1000², 1000³ bytes) or KiB, MiB, GiB (1024, 1024², 1024³), in any case, e.g. 4MiB or 500KB"
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{in: "900", want: 900},
		{in: "900B", want: 900},
		{in: "1KB", want: 1000},
		{in: "500kb", want: 500000},
		{in: "4MB", want: 4000000},
		{in: "4mb", want: 4000000},
		{in: "1GB", want: 1000000000},
		{in: "1KiB", want: 1024},
		{in: "4MiB", want: 4 << 20},
		{in: "4 MiB", want: 4 << 20},
		{in: " 4mib ", want: 4 << 20},
		{in: "1GiB", want: 1 << 30},
		{in: "1024GiB", want: 1 << 40},
		{in: "1025GiB", err: `"1025GiB"` + refused},
		{in: "1100GB", err: `"1100GB"` + refused},
		{in: "4M", err: `"4M"` + refused},
		{in: "4 MBs", err: `"4 MBs"` + refused},
		{in: "1.5MB", err: `"1.5MB"` + refused},
		{in: "MiB", err: `"MiB"` + refused},
		{in: "0", err: `"0"` + refused},
		{in: "-1KB", err: `"-1KB"` + refused},
		{in: "", err: `""` + refused},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseSize(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("parseSize(%q) = %d, %v; want error %s", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}
