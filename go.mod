module maliatlas

go 1.26.3

require (
	fyne.io/fyne/v2 v2.8.1
	github.com/paulmach/orb v0.14.0
	github.com/stretchr/testify v1.12.1
	github.com/twpayne/go-geom v1.7.0
	golang.org/x/image v0.47.0
)

require (
	go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/text v0.43.0 // indirect
)
