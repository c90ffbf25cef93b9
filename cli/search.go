package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"maliatlas/data"
	"maliatlas/gazetteer"
	"maliatlas/layers"
)

// searchArgs are the parsed arguments of `maliatlas search`.
type searchArgs struct {
	query  string
	limit  int
	format string
	lang   string
}

// parseSearchArgs reads QUERY [--limit N] [--format table|tsv] [--lang fr|en];
// options may come before or after the words of the query, and a negative
// number ("16.27 -0.04") is part of the query, not an option.
func parseSearchArgs(args []string) (searchArgs, error) {
	a := searchArgs{limit: 10, format: "table"}
	var words []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			words = append(words, args[i+1:]...)
			break
		}
		if _, err := strconv.ParseFloat(arg, 64); err == nil || !strings.HasPrefix(arg, "-") || arg == "-" {
			words = append(words, arg)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		switch name {
		case "limit", "format", "lang":
		default:
			return a, badArgs("search: unknown option %q", arg)
		}
		if !hasVal {
			if i+1 >= len(args) {
				return a, badArgs("search: --%s needs a value", name)
			}
			i++
			val = args[i]
		}
		switch name {
		case "limit":
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 || n > 10000 {
				return a, badArgs("search: --limit must be a whole number 1..10000, not %q", val)
			}
			a.limit = n
		case "format":
			if val != "table" && val != "tsv" {
				return a, badArgs("search: --format must be table or tsv, not %q", val)
			}
			a.format = val
		case "lang":
			a.lang = val
		}
	}
	a.query = strings.TrimSpace(strings.Join(words, " "))
	if a.query == "" {
		return a, badArgs("search needs a QUERY (a place name or coordinates)")
	}
	var err error
	if a.lang, err = parseLang(a.lang); err != nil {
		return a, err
	}
	return a, nil
}

// runSearch prints the places and features matching a query, best first:
// name, kind, longitude, latitude and region.
func runSearch(args []string, stdout io.Writer) error {
	a, err := parseSearchArgs(args)
	if err != nil {
		return err
	}
	s, _, err := loadSearcher()
	if err != nil {
		return err
	}
	rs := s.Search(gazetteer.Query{Text: a.query, Lang: a.lang, Limit: a.limit})
	if len(rs) == 0 {
		return fmt.Errorf("no place or feature matches %q", a.query)
	}
	if a.format == "tsv" {
		return writeSearchTSV(stdout, s, rs, a.lang)
	}
	return writeSearchTable(stdout, s, rs, a.lang)
}

// loadSearcher loads the embedded catalogue and gazetteer and returns a
// place searcher over both, with the catalogue.
func loadSearcher() (*gazetteer.Searcher, *layers.Catalog, error) {
	cat, err := layers.Load(data.FS)
	if err != nil {
		return nil, nil, err
	}
	ix, err := gazetteer.Default()
	if err != nil {
		return nil, nil, err
	}
	return gazetteer.NewSearcher(ix, cat), cat, nil
}

// gazetteerProblems are the bad lines of the embedded gazetteer, if any.
func gazetteerProblems() []string {
	if _, err := gazetteer.Default(); err != nil {
		return problemLinesOf(err)
	}
	return nil
}

// problemLinesOf splits a gazetteer reading error into one line per problem.
func problemLinesOf(err error) []string {
	var re *gazetteer.ReadError
	if errors.As(err, &re) {
		out := make([]string, len(re.Problems))
		for i, p := range re.Problems {
			out[i] = p.String()
		}
		return out
	}
	return []string{err.Error()}
}

// kindWord is a result's kind in the TSV: the gazetteer's keyword, or
// "layer:ID" for a feature of the catalogue.
func kindWord(r *gazetteer.Result) string {
	if r.Kind != "" {
		return r.Kind
	}
	return "layer:" + r.Layer.Spec.ID
}

func tsvField(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// writeSearchTSV writes a header and one line per result, with exactly the
// columns name, kind, lon, lat, region.
func writeSearchTSV(w io.Writer, s *gazetteer.Searcher, rs []gazetteer.Result, lang string) error {
	fmt.Fprintln(w, "name\tkind\tlon\tlat\tregion")
	for i := range rs {
		r := &rs[i]
		_, err := fmt.Fprintf(w, "%s\t%s\t%.5f\t%.5f\t%s\n", tsvField(r.Name), kindWord(r), r.Point[0], r.Point[1],
			tsvField(s.Regions.Name(r.Region, lang)))
		if err != nil {
			return err
		}
	}
	return nil
}

func writeSearchTable(w io.Writer, s *gazetteer.Searcher, rs []gazetteer.Result, lang string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tLON\tLAT\tREGION")
	for i := range rs {
		r := &rs[i]
		name := r.Name
		if r.Matched != "" && r.Entry != nil {
			name += " (" + r.Matched + ")"
		}
		if rs := []rune(name); len(rs) > 60 {
			name = string(rs[:59]) + "…"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.5f\t%.5f\t%s\n", tsvField(name), r.KindLabel(lang), r.Point[0], r.Point[1],
			tsvField(s.Regions.Name(r.Region, lang)))
	}
	return tw.Flush()
}
