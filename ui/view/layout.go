package view

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// Tab moves the keyboard focus through a container's objects in their
// order, and container.NewBorder puts the centre first: a toolbar at the
// top would be reached after everything below it. These keep the reading
// order.

// TopFirst is container.NewBorder(top, nil, nil, nil, center) with top
// first in the focus order.
func TopFirst(top, center fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewBorderLayout(top, nil, nil, nil), top, center)
}
