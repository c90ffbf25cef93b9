package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2/dialog"
	"github.com/paulmach/orb/geojson"

	"maliatlas/project"
)

// session is the Shell's state about keeping the user's work: autosave,
// the recovery question and the dialogs about unsaved changes.
type session struct {
	autosaver         *project.Autosaver
	autosaveDir       string
	autosaveEvery     time.Duration // 0: no periodic autosave (tests)
	autosaveStop      chan struct{} // stops the autosave ticker
	autosaveErrShown  string        // the autosave error last shown
	recoveryPending   bool          // "Restore?" not answered yet
	closed            bool          // the window was closed by shutdown
	recoveryDialog    dialog.Dialog // tests: the open questions
	unsavedDialog     *dialog.CustomDialog
	overwriteDialog   dialog.Dialog
	exportContext     func() (context.Context, context.CancelFunc)
	lastImportProblem string
	importData        map[string][]byte                     // the data each user layer was made from
	preread           map[string]*geojson.FeatureCollection // features read on load, by import id
	exporting         sync.WaitGroup                        // exports being written (tests wait)
	saves             project.SaveQueue                     // saves being written, one at a time
	saving            int                                   // saves asked by the window, not yet done
	afterSaves        func()                                // runs once they are (a close asked meanwhile)
	edits             uint64                                // changes made (markDirty): is a saved snapshot the latest?
	cleanMap          string                                // the map state last saved or opened (mapState)
}
