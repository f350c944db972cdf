"""Same story (rule ``compare.same_story``): is each peer about the same event as the others?

TF-IDF (scikit-learn, English stop words, sublinear tf) over the target and the
peers; each peer's cosine to the centroid of the *other* peers, and the
target's cosine to the centroid of all peers, in [0, 1]. A peer below
``min_similarity`` is set aside as off-story. With a single peer there is no
"other peers" centroid and that peer's similarity is 1.

Known limits: lexical only; two reports of one event in very different words
score low, and a different event in the same place with the same names scores high.
"""

from __future__ import annotations

from collections.abc import Sequence

METHOD = "tfidf_cosine_to_peer_centroid"


def same_story(target_text: str, peer_texts: Sequence[str]) -> tuple[float, list[float]]:
    """TF-IDF cosine of the target to the peers' centroid, and of each peer to the other peers' centroid.

    Sparse throughout: the centroid is one sparse row, each peer's "others" centroid
    is ``total - own row``, and the cosines come from sparse products and row norms
    (no dense document x vocabulary matrix; memory grows with the number of nonzeros).
    """
    import numpy as np  # lazy: heavy (numpy, with scipy and scikit-learn below)
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn)
    from sklearn.metrics.pairwise import cosine_similarity  # lazy: heavy (scikit-learn)

    if not peer_texts:
        return 0.0, []
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1, dtype=np.float32)
    X = vec.fit_transform([target_text, *peer_texts]).tocsr()
    T, P = X[0], X[1:]
    total = np.asarray(P.sum(axis=0)).ravel()  # one dense vocabulary-length vector, not n x vocabulary
    t_sim = float(cosine_similarity(T, total.reshape(1, -1))[0, 0]) if total.any() else 0.0
    if P.shape[0] == 1:
        return t_sim, [1.0]
    # cos(p, total - p) = (p.total - |p|^2) / (|p| |total - p|), with |total - p|^2 = |total|^2 - 2 p.total + |p|^2
    pt = P @ total
    pp = np.asarray(P.multiply(P).sum(axis=1)).ravel()
    tt = float(total @ total)
    denom = np.sqrt(pp) * np.sqrt(np.maximum(tt - 2 * pt + pp, 0.0))
    sims = np.divide(pt - pp, denom, out=np.zeros_like(pt), where=denom > 0)
    return t_sim, [float(x) for x in np.clip(sims, 0.0, 1.0)]
