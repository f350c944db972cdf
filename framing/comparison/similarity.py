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
    """TF-IDF cosine of the target to the peers' centroid, and of each peer to the other peers' centroid."""
    import numpy as np  # lazy: heavy (numpy, with scikit-learn below)
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: heavy (scikit-learn)

    if not peer_texts:
        return 0.0, []
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    X = vec.fit_transform([target_text, *peer_texts]).toarray()
    T, P = X[0], X[1:]
    total = P.sum(axis=0)

    def cos(a, b) -> float:
        na, nb = np.linalg.norm(a), np.linalg.norm(b)
        return float(a @ b / (na * nb)) if na and nb else 0.0

    t_sim = cos(T, total / len(P))
    p_sims = [cos(P[i], total - P[i]) if len(P) > 1 else 1.0 for i in range(len(P))]
    return t_sim, p_sims
