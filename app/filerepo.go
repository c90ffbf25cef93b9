package app

import (
	"bytes"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"maliatlas/geo"
)

// pathRepository stands in for Fyne's "file" repository so that asking for
// a writer opens nothing. Fyne's save dialog creates (and so empties) the
// chosen file before its callback runs: a refused save, a cancelled export
// or a crash then left an empty file where the user's work was. With this
// repository the dialog's writer is only a name; the atlas writes through
// the path, atomically. Whatever is written through such a writer anyway
// lands atomically on Close (nothing written: the file is not touched).
type pathRepository struct {
	repository.Repository
}

// installPathRepository puts pathRepository in front of the file
// repository the driver registered (once per driver).
func installPathRepository() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := r.(*pathRepository); done {
		return
	}
	repository.Register("file", &pathRepository{Repository: r})
}

// Writer returns a writer that touches the file only on Close, and only if
// something was written.
func (r *pathRepository) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &deferredWriter{uri: u}, nil
}

type deferredWriter struct {
	uri     fyne.URI
	buf     bytes.Buffer
	written bool
}

func (w *deferredWriter) URI() fyne.URI { return w.uri }

func (w *deferredWriter) Write(p []byte) (int, error) {
	w.written = true
	return w.buf.Write(p)
}

func (w *deferredWriter) Close() error {
	if !w.written {
		return nil
	}
	w.written = false
	return geo.WriteFileAtomic(w.uri.Path(), w.buf.Bytes())
}

func (r *pathRepository) CanWrite(u fyne.URI) (bool, error) {
	if w, ok := r.Repository.(repository.WritableRepository); ok {
		return w.CanWrite(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *pathRepository) Delete(u fyne.URI) error {
	if w, ok := r.Repository.(repository.WritableRepository); ok {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *pathRepository) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if a, ok := r.Repository.(repository.AppendableRepository); ok {
		return a.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *pathRepository) ParseURI(s string) (fyne.URI, error) {
	if c, ok := r.Repository.(repository.CustomURIRepository); ok {
		return c.ParseURI(s)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *pathRepository) CanList(u fyne.URI) (bool, error) {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.CanList(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *pathRepository) List(u fyne.URI) ([]fyne.URI, error) {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *pathRepository) CreateListable(u fyne.URI) error {
	if l, ok := r.Repository.(repository.ListableRepository); ok {
		return l.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *pathRepository) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := r.Repository.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (r *pathRepository) Child(u fyne.URI, name string) (fyne.URI, error) {
	if h, ok := r.Repository.(repository.HierarchicalRepository); ok {
		return h.Child(u, name)
	}
	return repository.GenericChild(u, name)
}

func (r *pathRepository) DeleteAll(u fyne.URI) error {
	if d, ok := r.Repository.(repository.DeleteAllRepository); ok {
		return d.DeleteAll(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *pathRepository) Copy(src, dst fyne.URI) error {
	if c, ok := r.Repository.(repository.CopyableRepository); ok {
		return c.Copy(src, dst)
	}
	return repository.GenericCopy(src, dst)
}

func (r *pathRepository) Move(src, dst fyne.URI) error {
	if m, ok := r.Repository.(repository.MovableRepository); ok {
		return m.Move(src, dst)
	}
	return repository.GenericMove(src, dst)
}
