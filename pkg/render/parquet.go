package render

import (
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"
)

// ParquetScale and ParquetPrecision are the amount column's DECIMAL(38,10): 16 bytes, big-endian
// two's complement (FIXED_LEN_BYTE_ARRAY), the widest decimal DuckDB, pandas (pyarrow) and Spark
// all read as a decimal. Ten places keep every amount a ledger writes in any unit budget
// converts to; 28 digits before the point are more than any budget.
const (
	ParquetScale     = 10
	ParquetPrecision = 38
)

// parquetFigure is a Figure as a row of the Parquet file, with the catalog's budget that
// tells the rows of several ledgers apart in one query. Text a row may lack is a null, not "";
// the field order is the column order (README: the schema table).
type parquetFigure struct {
	Budget        string    `parquet:"budget"`
	Committee     *string   `parquet:"committee"`
	CommitteeName *string   `parquet:"committee_name"`
	Number        *int32    `parquet:"number"`
	ID            *string   `parquet:"cross_cutting_id"`
	Title         string    `parquet:"title"`
	Kind          string    `parquet:"kind"`
	Table         string    `parquet:"table"`
	Section       string    `parquet:"section"`
	Item          *string   `parquet:"item"`
	Area          *string   `parquet:"area"`
	Year          *int32    `parquet:"year"`
	Amount        *[16]byte `parquet:"amount,decimal(10:38)"`
	Unit          *string   `parquet:"unit"`
	PriceLevel    *string   `parquet:"price_level"`
	Source        string    `parquet:"source"`
	Differs       *bool     `parquet:"differs"`
}

// Parquet writes every figure of the report's sheets (Figures; NewReport with Sheets) as one
// Parquet table, one row a figure, the catalog's budget on every row. Snappy compression, data page v1 and plain
// encodings, so that every engine reads it. An amount that does not fit DECIMAL(38,10) is an
// error, never rounded. Text is written as it is: a Parquet string is data, not markup, so there
// is nothing to neutralise.
func Parquet(w io.Writer, r ledger.Report) error {
	budget := ""
	if r.Catalog != nil {
		budget = r.Catalog.Budget
	}
	pw := parquet.NewGenericWriter[parquetFigure](w,
		parquet.NewSchema("figure", parquet.SchemaOf(parquetFigure{})),
		parquet.Compression(&parquet.Snappy),
		parquet.DataPageVersion(1),
		parquet.DefaultEncoding(&parquet.Plain),
		parquet.CreatedBy("budget", "", ""))
	fs := Figures(ReportSheets(r))
	const batch = 1024
	rows := make([]parquetFigure, 0, batch)
	flush := func() error {
		_, err := pw.Write(rows)
		rows = rows[:0]
		return err
	}
	for _, f := range fs {
		r, err := parquetRow(budget, f)
		if err != nil {
			return err
		}
		if rows = append(rows, r); len(rows) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return pw.Close()
}

func parquetRow(budget string, f Figure) (parquetFigure, error) {
	r := parquetFigure{Budget: budget, Committee: nullString(f.Committee), CommitteeName: nullString(f.CommitteeName),
		ID: nullString(f.ID), Title: f.Title, Kind: f.Kind, Table: f.Table, Section: f.Section, Item: nullString(f.Item),
		Area: nullString(f.Area), Unit: nullString(f.Unit), PriceLevel: nullString(f.PriceLevel), Source: f.Source}
	if f.Number != 0 {
		n := int32(f.Number)
		r.Number = &n
	}
	if f.Year != 0 {
		y := int32(f.Year)
		r.Year = &y
	}
	if f.Amount != nil {
		b, err := decimal128(*f.Amount)
		if err != nil {
			return parquetFigure{}, msg.Errorf("%s, %s: %w", figureName(f), strings.TrimSpace(f.Table+" "+f.Section+" "+yearText(f.Year)), err)
		}
		r.Amount = &b
	}
	if f.Compared {
		d := f.Differs
		r.Differs = &d
	}
	return r, nil
}

// figureName names f's proposal: "proposal 2" or the cross-cutting proposal's id.
func figureName(f Figure) string {
	if f.Number != 0 {
		return "proposal " + strconv.Itoa(f.Number)
	}
	return "cross-cutting proposal " + f.ID
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// decimal128 is d's unscaled integer at ParquetScale, as Parquet's DECIMAL stores it in 16
// bytes: big-endian two's complement. It is built from d's coefficient and exponent, exactly; an
// amount with more places than the scale (but for trailing zeros) or more digits than the
// precision is an error.
func decimal128(d decimal.Decimal) ([16]byte, error) {
	var out [16]byte
	u := d.Coefficient()
	ten := big.NewInt(10)
	if shift := int64(d.Exponent()) + ParquetScale; shift >= 0 {
		u.Mul(u, new(big.Int).Exp(ten, big.NewInt(shift), nil))
	} else {
		q, m := new(big.Int).QuoRem(u, new(big.Int).Exp(ten, big.NewInt(-shift), nil), new(big.Int))
		if m.Sign() != 0 {
			return out, msg.Errorf("amount %s has more than %d decimal places, which Parquet's DECIMAL(%d,%d) cannot hold", d, ParquetScale, ParquetPrecision, ParquetScale)
		}
		u = q
	}
	if new(big.Int).Abs(u).Cmp(new(big.Int).Exp(ten, big.NewInt(ParquetPrecision), nil)) >= 0 {
		return out, msg.Errorf("amount %s has more than %d digits before the decimal point, which Parquet's DECIMAL(%d,%d) cannot hold", d, ParquetPrecision-ParquetScale, ParquetPrecision, ParquetScale)
	}
	if u.Sign() < 0 { // two's complement: 2^128 + u
		u.Add(u, new(big.Int).Lsh(big.NewInt(1), 128))
	}
	u.FillBytes(out[:])
	return out, nil
}
