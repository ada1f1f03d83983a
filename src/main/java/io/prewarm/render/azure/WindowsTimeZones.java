package io.prewarm.render.azure;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * IANA zone to Windows time-zone name, as Azure autoscale recurrences need them. Taken from the
 * CLDR {@code windowsZones} mapping for the zones services commonly run in; a zone missing here is an
 * error rather than a guess, because a wrong Windows zone shifts every schedule silently.
 */
final class WindowsTimeZones {
    private static final Map<String, String> ZONES = new TreeMap<>();

    static {
        zone("UTC", "UTC", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu");
        zone("GMT Standard Time", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Atlantic/Canary");
        zone("Greenwich Standard Time", "Atlantic/Reykjavik");
        zone("W. Europe Standard Time", "Europe/Berlin", "Europe/Amsterdam", "Europe/Vienna", "Europe/Rome",
                "Europe/Stockholm", "Europe/Zurich", "Europe/Oslo", "Europe/Luxembourg", "Europe/Monaco",
                "Europe/Andorra", "Europe/Malta", "Europe/Gibraltar");
        zone("Romance Standard Time", "Europe/Paris", "Europe/Brussels", "Europe/Madrid", "Europe/Copenhagen");
        zone("Central European Standard Time", "Europe/Warsaw", "Europe/Zagreb", "Europe/Sarajevo", "Europe/Skopje");
        zone("Central Europe Standard Time", "Europe/Prague", "Europe/Budapest", "Europe/Belgrade",
                "Europe/Bratislava", "Europe/Ljubljana", "Europe/Tirane");
        zone("GTB Standard Time", "Europe/Athens", "Europe/Bucharest");
        zone("FLE Standard Time", "Europe/Helsinki", "Europe/Kiev", "Europe/Kyiv", "Europe/Riga", "Europe/Sofia",
                "Europe/Tallinn", "Europe/Vilnius");
        zone("Turkey Standard Time", "Europe/Istanbul");
        zone("Russian Standard Time", "Europe/Moscow");
        zone("Kaliningrad Standard Time", "Europe/Kaliningrad");
        zone("Belarus Standard Time", "Europe/Minsk");
        zone("Azores Standard Time", "Atlantic/Azores");
        zone("Morocco Standard Time", "Africa/Casablanca");
        zone("W. Central Africa Standard Time", "Africa/Lagos", "Africa/Algiers");
        zone("Egypt Standard Time", "Africa/Cairo");
        zone("South Africa Standard Time", "Africa/Johannesburg");
        zone("E. Africa Standard Time", "Africa/Nairobi", "Africa/Addis_Ababa");
        zone("Israel Standard Time", "Asia/Jerusalem");
        zone("Arab Standard Time", "Asia/Riyadh", "Asia/Kuwait", "Asia/Qatar", "Asia/Bahrain");
        zone("Arabian Standard Time", "Asia/Dubai", "Asia/Muscat");
        zone("Iran Standard Time", "Asia/Tehran");
        zone("Azerbaijan Standard Time", "Asia/Baku");
        zone("Georgian Standard Time", "Asia/Tbilisi");
        zone("Caucasus Standard Time", "Asia/Yerevan");
        zone("Afghanistan Standard Time", "Asia/Kabul");
        zone("Pakistan Standard Time", "Asia/Karachi");
        zone("West Asia Standard Time", "Asia/Tashkent");
        zone("Ekaterinburg Standard Time", "Asia/Yekaterinburg");
        zone("India Standard Time", "Asia/Kolkata", "Asia/Calcutta");
        zone("Sri Lanka Standard Time", "Asia/Colombo");
        zone("Nepal Standard Time", "Asia/Kathmandu");
        zone("Central Asia Standard Time", "Asia/Almaty");
        zone("Bangladesh Standard Time", "Asia/Dhaka");
        zone("Myanmar Standard Time", "Asia/Yangon");
        zone("SE Asia Standard Time", "Asia/Bangkok", "Asia/Jakarta", "Asia/Ho_Chi_Minh", "Asia/Saigon");
        zone("China Standard Time", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau");
        zone("Singapore Standard Time", "Asia/Singapore", "Asia/Kuala_Lumpur", "Asia/Manila");
        zone("Taipei Standard Time", "Asia/Taipei");
        zone("W. Australia Standard Time", "Australia/Perth");
        zone("Tokyo Standard Time", "Asia/Tokyo");
        zone("Korea Standard Time", "Asia/Seoul");
        zone("Cen. Australia Standard Time", "Australia/Adelaide");
        zone("AUS Central Standard Time", "Australia/Darwin");
        zone("E. Australia Standard Time", "Australia/Brisbane");
        zone("AUS Eastern Standard Time", "Australia/Sydney", "Australia/Melbourne", "Australia/Canberra");
        zone("Tasmania Standard Time", "Australia/Hobart");
        zone("New Zealand Standard Time", "Pacific/Auckland");
        zone("Hawaiian Standard Time", "Pacific/Honolulu");
        zone("Alaskan Standard Time", "America/Anchorage");
        zone("Pacific Standard Time", "America/Los_Angeles", "America/Vancouver", "US/Pacific");
        zone("US Mountain Standard Time", "America/Phoenix");
        zone("Mountain Standard Time", "America/Denver", "America/Edmonton", "America/Boise", "US/Mountain");
        zone("Central Standard Time", "America/Chicago", "America/Winnipeg", "US/Central");
        zone("Central Standard Time (Mexico)", "America/Mexico_City");
        zone("Canada Central Standard Time", "America/Regina");
        zone("Eastern Standard Time", "America/New_York", "America/Toronto", "America/Detroit", "US/Eastern");
        zone("SA Pacific Standard Time", "America/Bogota", "America/Lima");
        zone("Venezuela Standard Time", "America/Caracas");
        zone("Atlantic Standard Time", "America/Halifax");
        zone("Newfoundland Standard Time", "America/St_Johns");
        zone("E. South America Standard Time", "America/Sao_Paulo");
        zone("Argentina Standard Time", "America/Argentina/Buenos_Aires", "America/Buenos_Aires");
        zone("Pacific SA Standard Time", "America/Santiago");
    }

    private WindowsTimeZones() {
    }

    private static void zone(String windows, String... iana) {
        for (String z : iana) {
            if (ZONES.put(z, windows) != null) {
                throw new IllegalStateException("windows zone table: " + z + " listed twice");
            }
        }
    }

    static Optional<String> windowsName(String iana) {
        return Optional.ofNullable(ZONES.get(iana));
    }

    static int size() {
        return ZONES.size();
    }
}
