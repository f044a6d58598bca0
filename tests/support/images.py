"""Looking at rendered images in tests: pixels counted by colour."""

from qgis.PyQt.QtGui import QColor


def count(image, colour, x0=0, x1=None, tol=40):
    """Pixels of ``image`` close to ``colour`` (sum of channel differences < ``tol``) in
    the columns x0..x1."""
    target = QColor(colour)
    x1 = image.width() if x1 is None else x1
    n = 0
    for y in range(image.height()):
        for x in range(x0, x1):
            c = QColor(image.pixel(x, y))
            if (abs(c.red() - target.red()) + abs(c.green() - target.green())
                    + abs(c.blue() - target.blue())) < tol:
                n += 1
    return n
