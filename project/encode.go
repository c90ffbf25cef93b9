package project

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"maliatlas/geo"
)

// importMark stands for an import's GeoJSON in the indented head of a
// project while it is encoded; random per run, so no user text matches it.
var importMark = func() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "\x00import-" + hex.EncodeToString(b[:]) + "-"
}()

// encoded is a project ready to write: the indented JSON of everything but
// the imports' data, cut where each import's GeoJSON goes.
type encoded struct {
	parts   [][]byte // len(imports)+1 pieces of the head
	imports [][]byte // each import's GeoJSON, compact, written as it is
}

// encode validates p and prepares it for writing. Imported GeoJSON is
// neither re-indented nor copied: a 150 MB import stays 150 MB in the file.
func encode(p *Project) (*encoded, error) {
	p.Schema, p.Version = Schema, Version
	if p.Lang == "" {
		p.Lang = "en"
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("project not saved: %w", err)
	}
	q := *p
	if q.Layers == nil {
		q.Layers = []LayerState{}
	}
	if q.Annotations == nil {
		q.Annotations = []Annotation{}
	}
	for i := range q.Annotations {
		if q.Annotations[i].Points == nil {
			return nil, fmt.Errorf("project not saved: annotations[%d].points: missing", i)
		}
	}
	e := &encoded{}
	q.Imports = make([]Import, len(p.Imports))
	marks := make([][]byte, len(p.Imports))
	for i, im := range p.Imports {
		q.Imports[i] = im
		m, _ := json.Marshal(fmt.Sprintf("%s%d", importMark, i))
		marks[i] = m
		q.Imports[i].GeoJSON = m
		e.imports = append(e.imports, im.GeoJSON)
	}
	head, err := json.MarshalIndent(&q, "", "  ")
	if err != nil {
		return nil, err
	}
	head = append(head, '\n')
	for _, m := range marks {
		i := bytes.Index(head, m)
		if i < 0 {
			return nil, fmt.Errorf("project not saved: import placeholder lost")
		}
		e.parts = append(e.parts, head[:i])
		head = head[i+len(m):]
	}
	e.parts = append(e.parts, head)
	return e, nil
}

// writeTo writes the encoded project.
func (e *encoded) writeTo(w io.Writer) error {
	for i, part := range e.parts {
		if _, err := w.Write(part); err != nil {
			return err
		}
		if i < len(e.imports) {
			if _, err := w.Write(e.imports[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameAs reports whether e would write the same bytes as o, without
// comparing the imports' data byte by byte: imported GeoJSON is never
// changed in place, so the same slice is the same data.
func (e *encoded) sameAs(o *encoded) bool {
	if o == nil || len(e.parts) != len(o.parts) || len(e.imports) != len(o.imports) {
		return false
	}
	for i := range e.parts {
		if !bytes.Equal(e.parts[i], o.parts[i]) {
			return false
		}
	}
	for i := range e.imports {
		a, b := e.imports[i], o.imports[i]
		if len(a) != len(b) || len(a) > 0 && &a[0] != &b[0] && !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

// Encode returns p as 2-space indented JSON with the current Schema and
// Version (it sets them on p); imported GeoJSON is written compact, as kept.
func Encode(p *Project) ([]byte, error) {
	e, err := encode(p)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := e.writeTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes p to path atomically (a temporary file in the same folder,
// synced, then renamed over path), so a crash leaves the old file or the
// new one, never a mix; the file keeps its permission bits. It sets
// p.Schema and p.Version.
func Save(path string, p *Project) error {
	e, err := encode(p)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return geo.WriteAtomic(path, e.writeTo)
}
