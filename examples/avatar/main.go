// avatar turns a picture into a square, circular-cropped avatar.
//
//	avatar SOURCE.jpg OUTPUT.jpg [SIZE]
//
// It is the seed scenario for Stagecraft: an image-processing CLI run in a container whose
// ENTRYPOINT is the tool and whose CMD supplies default arguments that `docker run IMAGE a b` replaces.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: avatar SOURCE OUTPUT [SIZE]")
		os.Exit(2)
	}
	size := 128
	if len(os.Args) > 3 {
		n, err := strconv.Atoi(os.Args[3])
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "avatar: bad size %q\n", os.Args[3])
			os.Exit(2)
		}
		size = n
	}
	if err := run(os.Args[1], os.Args[2], size); err != nil {
		fmt.Fprintln(os.Stderr, "avatar:", err)
		os.Exit(1)
	}
	fmt.Printf("avatar: wrote %s (%dx%d)\n", os.Args[2], size, size)
}

func run(source, output string, size int) error {
	in, err := os.Open(source)
	if err != nil {
		return err
	}
	defer in.Close()
	src, _, err := image.Decode(in)
	if err != nil {
		return fmt.Errorf("decode %s: %w", source, err)
	}
	dst := avatar(src, size)
	out, err := os.Create(output)
	if err != nil {
		return err
	}
	defer out.Close()
	return jpeg.Encode(out, dst, &jpeg.Options{Quality: 90})
}

// avatar crops the centre square of src, scales it to size×size (nearest neighbour) and whitens the
// corners outside the inscribed circle.
func avatar(src image.Image, size int) *image.RGBA {
	b := src.Bounds()
	side := b.Dx()
	if b.Dy() < side {
		side = b.Dy()
	}
	x0 := b.Min.X + (b.Dx()-side)/2
	y0 := b.Min.Y + (b.Dy()-side)/2
	dst := image.NewRGBA(image.Rect(0, 0, size, size))
	r := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			dx, dy := float64(x)+0.5-r, float64(y)+0.5-r
			if dx*dx+dy*dy > r*r {
				dst.Set(x, y, color.White)
				continue
			}
			dst.Set(x, y, src.At(x0+x*side/size, y0+y*side/size))
		}
	}
	return dst
}
