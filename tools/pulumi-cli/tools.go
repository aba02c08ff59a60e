//go:build tools

// Keeps the CLI's main package in this module's requirements, so `go build` of it is pinned by
// go.sum like everything else here.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
