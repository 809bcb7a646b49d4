"""Face proportions from the 68 landmarks and the face mesh, normalized by the inter-ocular
distance.

IOD is the distance between the two eye centers (means of points 36–41 and 42–47);
``pN`` is landmark N (0-based, iBUG 300-W order); ``|a − b|`` is a Euclidean distance.

==============  ==================================================================
key             definition
==============  ==================================================================
face_width      |p16 − p0| / IOD
face_length     |p8 − mid(p19, p24)| / IOD  (brow middle to chin)
jaw_width       |p12 − p4| / |p16 − p0|  (jaw at mouth level vs face width)
chin_shape      |p9 − p7| / |p12 − p4|  (chin width vs jaw width; small = pointed)
cheek_fullness  |p14 − p2| / |p16 − p0|  (lower cheeks vs face width)
eye_size        mean over both eyes of sqrt(area of polygon p36–41 / p42–47) / IOD
eye_spacing     IOD / |p16 − p0|
eye_tilt        degrees the outer eye corners sit above the inner ones, mean of both
                eyes, after removing the head's roll (positive = upswept)
brow_thickness  measured from pixels (see ``facemoji.face.brows``): brow height / IOD
nose_width      |p35 − p31| / IOD
nose_length     |p33 − p27| / IOD
mouth_width     |p54 − p48| / IOD
lip_fullness    (|p51 − p62| + |p66 − p57|) / IOD  (upper + lower lip thickness)
mouth_height    |p33 − p51| / |p33 − p8|  (the upper lip's place from the nose to the chin)
==============  ==================================================================

The face's shape (:data:`MESH_KEYS`: ``face_width``, ``face_length``, ``jaw_width``,
``chin_shape``, ``cheek_fullness``, ``eye_spacing``) is measured, where the face mesh is
given, by the same definitions on the mesh points at dlib's landmarks
(:data:`AT_DLIB68`) in three dimensions, where a face tilted up or down keeps its length.
Over the faceset and ``../shared`` the share of these ratios' spread that tells people
apart rather than one person's photos (their intra-class correlation) rises from
0.29–0.47 on dlib's points to 0.33–0.68 on the mesh's (``scripts/mesh_geometry.py``,
docs/benchmarks.md). The nose and the eyes' size and tilt are steadier on dlib's points
and stay there, as do the mouth and lips, which the mesh measures about as steadily.

``geometry_z`` standardizes each ratio as ``(ratio − mean) / sd`` with :data:`NORMS`
(:data:`MESH_NORMS` for the shape measured on the mesh).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

KEYS: tuple[str, ...] = (
    "face_width", "face_length", "jaw_width", "chin_shape", "cheek_fullness", "eye_size",
    "eye_spacing", "eye_tilt", "brow_thickness", "nose_width", "nose_length", "mouth_width",
    "lip_fullness", "mouth_height",
)

# (mean, sd) per ratio, printed by `python benchmarks/attributes.py --norms` over the 99
# frontal photos of the shared dev set (dlib 68-point landmarks, 2026-11-21). A small,
# mostly adult, light-skinned set with repeated identities: rough norms, not a census.
NORMS: dict[str, tuple[float, float]] = {
    "face_width": (2.289, 0.144),
    "face_length": (2.279, 0.204),
    "jaw_width": (0.8286, 0.0323),
    "chin_shape": (0.3105, 0.0144),
    "cheek_fullness": (0.962, 0.025),
    "eye_size": (0.1765, 0.0243),
    "eye_spacing": (0.4384, 0.0263),
    "eye_tilt": (2.569, 3.57),
    "brow_thickness": (0.2381, 0.0336),
    "nose_width": (0.4511, 0.0666),
    "nose_length": (0.8075, 0.0733),
    "mouth_width": (0.9362, 0.116),
    "lip_fullness": (0.235, 0.0495),
    # came later (2026-12-02): over the 553 single-face photos of the faceset and the
    # portrait set (`python scripts/mesh_geometry.py`, section 4)
    "mouth_height": (0.1867, 0.0484),
}


AT_DLIB68: tuple[int, ...] = (
    127, 234, 177, 215, 138, 136, 149, 148, 152, 377, 378, 365, 397, 435, 401, 447, 356,
    70, 63, 105, 66, 55, 285, 296, 334, 293, 300, 168, 197, 5, 4, 240, 97, 2, 326, 460,
    33, 160, 158, 155, 153, 144, 382, 385, 387, 263, 373, 380,
    61, 74, 72, 11, 267, 304, 291, 405, 314, 17, 84, 181, 78, 82, 13, 312, 308, 317, 14, 87)
"""For each of dlib's 68 landmarks in order, the face mesh's point nearest it on average
(over 122 single-face faceset photos, in inter-ocular distances;
``scripts/mesh_geometry.py``): the jaw's points lie a little inside the mesh's face oval,
where dlib draws its contour."""
MESH_KEYS: tuple[str, ...] = ("face_width", "face_length", "jaw_width", "chin_shape",
                              "cheek_fullness", "eye_spacing")
"""The ratios measured on the face mesh, where it is given (see the module docstring)."""
# (mean, sd) of the mesh's ratios over the 553 single-face photos of the faceset and the
# portrait set (`python scripts/mesh_geometry.py`, 2026-12-02); `../shared`, where the gain
# in reliability was also measured, is not among them.
MESH_NORMS: dict[str, tuple[float, float]] = {
    "face_width": (2.2447, 0.0968),
    "face_length": (2.2252, 0.1328),
    "jaw_width": (0.8153, 0.0238),
    "chin_shape": (0.2255, 0.0132),
    "cheek_fullness": (0.9426, 0.0213),
    "eye_spacing": (0.4463, 0.0192),
}


def eye_centers(landmarks: NDArray[np.floating]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Centers of the eye on the image's left (36–41) and on its right (42–47)."""
    pts = np.asarray(landmarks, dtype=np.float64)
    return pts[36:42].mean(axis=0), pts[42:48].mean(axis=0)


def inter_ocular(landmarks: NDArray[np.floating]) -> float:
    """Distance in pixels between the two eye centers."""
    left, right = eye_centers(landmarks)
    return float(np.linalg.norm(right - left))


def _dist(p: NDArray[np.float64], i: int, j: int) -> float:
    return float(np.linalg.norm(p[i] - p[j]))


def _area(poly: NDArray[np.float64]) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def _eye_tilt(p: NDArray[np.float64]) -> float:
    left, right = eye_centers(p)
    roll = math.atan2(right[1] - left[1], right[0] - left[0])
    c, s = math.cos(-roll), math.sin(-roll)
    q = p @ np.array([[c, s], [-s, c]])  # rotate by -roll: eyes level
    # image y grows downwards: an outer corner above the inner one has the smaller y
    left_tilt = math.atan2(q[39, 1] - q[36, 1], q[39, 0] - q[36, 0])
    right_tilt = math.atan2(q[42, 1] - q[45, 1], q[45, 0] - q[42, 0])
    return math.degrees((left_tilt + right_tilt) / 2)


def _shape(p: NDArray[np.float64]) -> dict[str, float]:
    """The :data:`MESH_KEYS` ratios of 68 points in two or three dimensions."""
    iod = inter_ocular(p)
    width = _dist(p, 0, 16)
    jaw = _dist(p, 4, 12)
    return {"face_width": width / iod,
            "face_length": float(np.linalg.norm(p[8] - (p[19] + p[24]) / 2)) / iod,
            "jaw_width": jaw / width,
            "chin_shape": _dist(p, 7, 9) / jaw,
            "cheek_fullness": _dist(p, 2, 14) / width,
            "eye_spacing": iod / width}


def ratios(landmarks: NDArray[np.floating], brow_thickness: float,
           mesh_points: NDArray[np.floating] | None = None) -> dict[str, float]:
    """The raw ratios of the module docstring, keyed by :data:`KEYS`; the
    :data:`MESH_KEYS` from the face mesh's ``mesh_points`` ``(478, 3)`` where given.

    ``brow_thickness`` (brow height / IOD) is measured from pixels by the caller.
    """
    p = np.asarray(landmarks, dtype=np.float64)
    iod = inter_ocular(p)
    eye_area = (_area(p[36:42]) + _area(p[42:48])) / 2
    shape = _shape(p) if mesh_points is None else \
        _shape(np.asarray(mesh_points, np.float64)[list(AT_DLIB68)])
    values = {
        **shape,
        "eye_size": math.sqrt(eye_area) / iod,
        "eye_tilt": _eye_tilt(p),
        "brow_thickness": brow_thickness,
        "nose_width": _dist(p, 31, 35) / iod,
        "nose_length": _dist(p, 27, 33) / iod,
        "mouth_width": _dist(p, 48, 54) / iod,
        "lip_fullness": (_dist(p, 51, 62) + _dist(p, 66, 57)) / iod,
        "mouth_height": _dist(p, 33, 51) / _dist(p, 33, 8),
    }
    return {k: values[k] for k in KEYS}


def standardize(values: dict[str, float], mesh: bool = False) -> dict[str, float]:
    """``(ratio − mean) / sd`` for each ratio, with the population :data:`NORMS`
    (:data:`MESH_NORMS` for the :data:`MESH_KEYS` when ``mesh``: they were measured on the
    face mesh)."""
    norms = {**NORMS, **MESH_NORMS} if mesh else NORMS
    return {k: (v - norms[k][0]) / norms[k][1] for k, v in values.items() if k in norms}
