/**
 * A function of a text key that keeps its latest answers: for pure work asked again and again with
 * the same keys (a card's times, a day's candidate slots), where a plain Map lookup is what the
 * caller can afford. Bounded: emptied when full, which costs nothing per call (an LRU's bookkeeping
 * would cost more than some of the answers it keeps).
 */
export function remembering<V>(compute: (key: string) => V, most: number): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    let answer = kept.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (kept.size >= most) kept.clear();
      kept.set(key, answer);
    }
    return answer;
  };
}
