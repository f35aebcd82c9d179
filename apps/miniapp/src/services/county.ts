import Taro from '@tarojs/taro';

const KEY = 'union.countyId';

/**
 * The county a worker chose on the home page, in a province's deployment (several counties). A
 * county's own deployment has one and never asks: requests then name none and the server takes it.
 */
export function chosenCountyId(): number | undefined {
  const value: unknown = Taro.getStorageSync(KEY);
  return typeof value === 'number' && value > 0 ? value : undefined;
}

export function chooseCounty(countyId: number): void {
  Taro.setStorageSync(KEY, countyId);
}

/** `{ countyId }` for a request's body or query when a county was chosen, else nothing. */
export function countyField(): { countyId?: number } {
  const countyId = chosenCountyId();
  return countyId ? { countyId } : {};
}

/** `path?countyId=…` when a county was chosen (a POST whose body is someone else's shape). */
export function withCounty(path: string): string {
  const countyId = chosenCountyId();
  return countyId ? `${path}?countyId=${countyId}` : path;
}
