/**
 * States of the United States and Mexico, where most callers are: ISO 3166-2 code, the names
 * callers say (Spanish and English, without accents), and an approximate centre for the
 * nearest-office rule when no office lists the state in its jurisdiction.
 */
export interface Region {
  code: string;
  names: string[];
  lat: number;
  lon: number;
}

const r = (code: string, lat: number, lon: number, ...names: string[]): Region => ({ code, names, lat, lon });

export const REGIONS: Region[] = [
  r('US-AL', 32.8, -86.8, 'alabama'), r('US-AK', 61.2, -149.9, 'alaska'), r('US-AZ', 33.7, -111.9, 'arizona'),
  r('US-AR', 34.9, -92.4, 'arkansas'), r('US-CA', 36.8, -119.4, 'california'), r('US-CO', 39.3, -105.0, 'colorado'),
  r('US-CT', 41.6, -72.7, 'connecticut', 'coneticut'), r('US-DE', 39.0, -75.5, 'delaware'),
  r('US-DC', 38.9, -77.0, 'washington dc', 'distrito de columbia', 'district of columbia'),
  r('US-FL', 28.1, -81.6, 'florida'), r('US-GA', 33.2, -83.9, 'georgia'), r('US-HI', 21.3, -157.8, 'hawaii'),
  r('US-ID', 43.6, -116.2, 'idaho'), r('US-IL', 41.3, -88.4, 'illinois'), r('US-IN', 39.8, -86.2, 'indiana'),
  r('US-IA', 41.9, -93.1, 'iowa'), r('US-KS', 38.5, -97.6, 'kansas'), r('US-KY', 37.8, -85.3, 'kentucky'),
  r('US-LA', 30.6, -91.4, 'luisiana', 'louisiana'), r('US-ME', 44.3, -69.8, 'maine'), r('US-MD', 39.1, -76.8, 'maryland'),
  r('US-MA', 42.3, -71.4, 'massachusetts', 'masachusets'), r('US-MI', 42.9, -84.2, 'michigan'),
  r('US-MN', 45.1, -93.6, 'minnesota'), r('US-MS', 32.3, -89.7, 'misisipi', 'mississippi'),
  r('US-MO', 38.6, -92.2, 'misuri', 'missouri'), r('US-MT', 46.9, -110.4, 'montana'), r('US-NE', 41.1, -97.9, 'nebraska'),
  r('US-NV', 36.6, -115.5, 'nevada', 'las vegas'), r('US-NH', 43.2, -71.5, 'nuevo hampshire', 'new hampshire'),
  r('US-NJ', 40.4, -74.5, 'nueva jersey', 'new jersey'), r('US-NM', 34.8, -106.4, 'nuevo mexico', 'new mexico'),
  r('US-NY', 41.5, -74.6, 'nueva york', 'new york'), r('US-NC', 35.6, -79.4, 'carolina del norte', 'north carolina'),
  r('US-ND', 47.3, -99.6, 'dakota del norte', 'north dakota'), r('US-OH', 40.3, -82.7, 'ohio'),
  r('US-OK', 35.6, -97.1, 'oklahoma'), r('US-OR', 44.8, -122.6, 'oregon'), r('US-PA', 40.5, -76.9, 'pensilvania', 'pennsylvania'),
  r('US-RI', 41.8, -71.4, 'rhode island'), r('US-SC', 34.0, -81.0, 'carolina del sur', 'south carolina'),
  r('US-SD', 44.0, -99.4, 'dakota del sur', 'south dakota'), r('US-TN', 35.8, -86.6, 'tennessee', 'tenesi'),
  r('US-TX', 30.3, -97.3, 'texas', 'tejas'), r('US-UT', 40.5, -111.9, 'utah'), r('US-VT', 44.1, -72.7, 'vermont'),
  r('US-VA', 37.8, -77.8, 'virginia'), r('US-WA', 47.3, -121.9, 'washington', 'estado de washington'),
  r('US-WV', 38.6, -80.6, 'virginia occidental', 'west virginia'), r('US-WI', 43.7, -89.0, 'wisconsin'),
  r('US-WY', 42.8, -107.3, 'wyoming'),
  r('MX-AGU', 21.9, -102.3, 'aguascalientes'), r('MX-BCN', 32.5, -117.0, 'baja california', 'tijuana', 'mexicali'),
  r('MX-BCS', 24.1, -110.3, 'baja california sur'), r('MX-CAM', 19.8, -90.5, 'campeche'),
  r('MX-CHP', 16.5, -92.5, 'chiapas', 'tapachula'), r('MX-CHH', 30.2, -106.2, 'chihuahua', 'ciudad juarez'),
  r('MX-CMX', 19.4, -99.1, 'ciudad de mexico', 'mexico city', 'cdmx', 'distrito federal'),
  r('MX-COA', 26.8, -101.4, 'coahuila'), r('MX-COL', 19.1, -103.9, 'colima'), r('MX-DUR', 24.6, -104.7, 'durango'),
  r('MX-GUA', 20.9, -101.3, 'guanajuato'), r('MX-GRO', 17.3, -99.7, 'guerrero'), r('MX-HID', 20.3, -98.9, 'hidalgo'),
  r('MX-JAL', 20.7, -103.4, 'jalisco', 'guadalajara'), r('MX-MEX', 19.4, -99.5, 'estado de mexico'),
  r('MX-MIC', 19.5, -101.7, 'michoacan'), r('MX-MOR', 18.8, -99.1, 'morelos'), r('MX-NAY', 21.6, -104.9, 'nayarit'),
  r('MX-NLE', 25.7, -100.3, 'nuevo leon', 'monterrey'), r('MX-OAX', 17.1, -96.7, 'oaxaca'), r('MX-PUE', 19.0, -98.2, 'puebla'),
  r('MX-QUE', 20.6, -100.4, 'queretaro'), r('MX-ROO', 20.6, -87.3, 'quintana roo', 'cancun'),
  r('MX-SLP', 22.2, -100.9, 'san luis potosi'), r('MX-SIN', 24.8, -107.4, 'sinaloa'), r('MX-SON', 29.1, -110.9, 'sonora'),
  r('MX-TAB', 18.0, -92.9, 'tabasco', 'villahermosa'), r('MX-TAM', 25.9, -97.5, 'tamaulipas', 'reynosa', 'matamoros', 'nuevo laredo'),
  r('MX-TLA', 19.3, -98.2, 'tlaxcala'), r('MX-VER', 19.2, -96.1, 'veracruz'), r('MX-YUC', 21.0, -89.6, 'yucatan', 'merida'),
  r('MX-ZAC', 22.8, -102.6, 'zacatecas'),
];

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
