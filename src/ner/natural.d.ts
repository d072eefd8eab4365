// natural is imported by path only (its index prints to stdout when loaded).
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function jaroWinklerDistance(s1: string, s2: string, options?: { ignoreCase?: boolean }): number;
}
